# Native edge image: built where GraalVM exists (CI builders), a static-ish binary on a small base.
#   docker build -f docker/edge.Dockerfile -t pushfleet/edge .
FROM ghcr.io/graalvm/native-image-community:21 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -Pnative -pl edge-native -am package -DskipTests

FROM gcr.io/distroless/base-debian12:nonroot
COPY --from=build /src/edge-native/target/edge /usr/local/bin/edge
# WebSocket, TCP, admin (health + metrics)
EXPOSE 8080 9000 9100
ENTRYPOINT ["/usr/local/bin/edge"]
