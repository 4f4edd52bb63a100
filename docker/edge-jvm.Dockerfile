# JVM edge image, for platforms without a native build.
#   docker build -f docker/edge-jvm.Dockerfile -t pushfleet/edge-jvm .
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -pl edge-native -am package -DskipTests

FROM eclipse-temurin:21-jre
COPY --from=build /src/edge-native/target/edge.jar /opt/pushfleet/edge.jar
USER 65532
EXPOSE 8080 9000 9100
ENTRYPOINT ["java", "-Xms64m", "-Xmx512m", "-XX:MaxDirectMemorySize=256m", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/pushfleet/edge.jar"]
