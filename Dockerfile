# syntax=docker/dockerfile:1
# kiwiops: multi-stage build (README, "Docker").
#   docker build -t kiwiops .
#   docker run -d --name kiwiops -v "$PWD/deploy:/config:ro" -v kiwiops-data:/data \
#     -e TELEGRAM_BOT_TOKEN -e KIWIVM_WEB1_API_KEY kiwiops
# The configuration is read from /config/kiwiops.yml; put the store under /data
# (store.url: "jdbc:sqlite:/data/kiwiops.db").

# ---- build: the Maven wrapper, as on a developer machine (tests run in CI, not here)
FROM eclipse-temurin:17-jdk AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl unzip \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY bot-core bot-core
COPY adapters adapters
COPY config config
COPY benchmarks benchmarks
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl config -am package

# ---- runtime: a JRE (JFreeChart needs java.desktop, which leaves a jlink image little smaller)
FROM eclipse-temurin:17-jre
# curl is the health probe of HEALTHCHECK; nothing else is added.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 kiwiops \
    && useradd --system --uid 10001 --gid kiwiops --home-dir /app --shell /usr/sbin/nologin kiwiops \
    && mkdir -p /config /data \
    && chown kiwiops:kiwiops /data \
    && chmod 0700 /data
WORKDIR /app
COPY --from=build /src/config/target/kiwiops.jar /app/kiwiops.jar
COPY --from=build /src/config/target/lib /app/lib
COPY config/kiwiops.example.yml /app/kiwiops.example.yml
USER kiwiops:kiwiops
VOLUME ["/data"]
# /healthz, /readyz, /metrics: set http.bind to 0.0.0.0 to reach them from outside the container.
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"]
# Exec form: the JVM is PID 1 and receives SIGTERM itself, then shuts
# down in order within shutdown.grace (give `docker stop -t` a little more than that).
# The JVM flags are the launcher's (./kiwiops; benchmarks/README.md, "Footprint"): the serial
# collector, a heap that starts at 32 MiB (without a memory limit it would start at 1/64 of the
# host's memory, mostly resident once touched) and may grow to 75 % of the container's memory,
# 512 KiB thread stacks, and the C1 compiler only (C2's compilations cost more CPU than they save
# in this I/O-bound service). The launcher's class-data-sharing archive is not built here: its
# training run needs the chat services.
ENTRYPOINT ["java", "-Djava.awt.headless=true", "-XX:MaxRAMPercentage=75", "-Xms32m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1", "-jar", "/app/kiwiops.jar"]
CMD ["run", "--config", "/config/kiwiops.yml"]
