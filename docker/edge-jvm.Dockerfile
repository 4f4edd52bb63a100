# JVM edge image, for platforms without a native build.
#   docker build -f docker/edge-jvm.Dockerfile -t pushfleet/edge-jvm .
# Runs the edge through its launch script, so the image gets the measured JVM defaults (serial GC, small heap,
# compact object headers on JDK 25; docs/edge.md "JVM options"); EDGE_JAVA_OPTS replaces them and
# EDGE_JAVA_OPTS_APPEND adds to them. A JDK, not a JRE, at run time: the script checks for one, and jcmd is
# there for heap histograms in production.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -pl edge-native -am package -DskipTests

FROM eclipse-temurin:25-jdk
COPY --from=build /src/scripts/java-env.sh /opt/pushfleet/scripts/java-env.sh
COPY --from=build /src/edge-native/bin/edge /opt/pushfleet/edge-native/bin/edge
COPY --from=build /src/edge-native/target/edge.jar /opt/pushfleet/edge-native/target/edge.jar
# A container starts with an empty file system: the launch script's AOT cache would be recorded by every container
# and used by none. Mount a volume at EDGE_AOT_DIR and set EDGE_AOT=on to share one (docs/edge.md "AOT cache").
ENV EDGE_AOT=off EDGE_AOT_DIR=/var/cache/pushfleet-edge
USER 65532
EXPOSE 8080 9000 9100
ENTRYPOINT ["/opt/pushfleet/edge-native/bin/edge"]
