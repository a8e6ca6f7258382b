# syntax=docker/dockerfile:1
#
# The Cutover image: the worker by default (docker-compose.yml runs it), and any other command of
# the CLI with `docker run --rm cutover-worker:local <command> ...`.
#
#   docker build -t cutover-worker:local .
#   docker run --rm -e TEMPORAL_ADDRESS=temporal.example.com:7233 -p 8081:8081 cutover-worker:local
#
# Settings come from the environment (docs/runbook.md, "Worker settings").

# ---- build: the release archive (distribution module: the shipped CLI, which includes the worker, and
#      only its runtime jars; ReleaseArchiveIT checks them), extracted to /opt/cutover
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The local repository is a build cache only (BuildKit cache mount): `package`, not `install`, and the
# runtime stage gets the archive's own copy of every jar, so it needs neither Maven nor ~/.m2.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests package -pl distribution -am \
 && mkdir -p /opt/cutover \
 && tar -xzf distribution/target/cutover-*.tar.gz -C /opt/cutover --strip-components=1

# ---- runtime: a JRE and the release archive, run as an unprivileged user. Copy nothing else into this
#      stage: the image's jars must be the archive's (DockerfileTest).
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 cutover \
 && useradd --system --uid 10001 --gid cutover --home-dir /home/cutover --create-home --shell /usr/sbin/nologin cutover
COPY --from=build /opt/cutover /opt/cutover
USER cutover
WORKDIR /home/cutover
# /health and /prometheus (CUTOVER_WORKER_PORT)
EXPOSE 8081
# The archive's start script (it checks the Java version and runs lib/*). Extra JVM flags: set JAVA_OPTS
# or JAVA_TOOL_OPTIONS; JAVA_OPTS replaces this default.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["/opt/cutover/bin/cutover"]
CMD ["worker"]
