# kiwiops: multi-stage build. The runtime image runs as a non-root user and reads /config.
#   docker build -t kiwiops .
#   docker run -v "$PWD/config:/config" -e KIWIVM_WEB1_API_KEY=... kiwiops
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml mvnw ./
COPY .mvn .mvn
COPY bot-core bot-core
COPY adapters adapters
COPY config config
COPY benchmarks benchmarks
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl config -am package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system kiwiops && useradd --system --gid kiwiops --home /app kiwiops \
    && mkdir -p /config /data && chown kiwiops:kiwiops /data
WORKDIR /app
COPY --from=build /src/config/target/kiwiops.jar /app/kiwiops.jar
COPY --from=build /src/config/target/lib /app/lib
COPY config/kiwiops.example.yml /app/kiwiops.example.yml
USER kiwiops
VOLUME ["/config", "/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["java", "-Djava.awt.headless=true", "-XX:MaxRAMPercentage=75", "-jar", "/app/kiwiops.jar"]
CMD ["run", "--config", "/config/kiwiops.yml"]
