# Control plane image (Quarkus fast-jar on a JRE).
#   docker build -f docker/control-plane.Dockerfile -t pushfleet/control-plane .
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -pl control-plane -am package -DskipTests

FROM eclipse-temurin:21-jre
COPY --from=build /src/control-plane/target/quarkus-app/ /opt/pushfleet/control-plane/
USER 65532
EXPOSE 8080
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/pushfleet/control-plane/quarkus-run.jar"]
