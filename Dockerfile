# syntax=docker/dockerfile:1
#
# The Cutover image: the worker by default (docker-compose.yml runs it), and any other command of
# the CLI with `docker run --rm cutover-worker:local <command> ...`.
#
#   docker build -t cutover-worker:local .
#   docker run --rm -e TEMPORAL_ADDRESS=temporal.example.com:7233 -p 8081:8081 cutover-worker:local
#
# Settings come from the environment (docs/runbook.md, "Worker settings").

# ---- build: the shipped CLI (starter-cli, no sandbox or test servers: the enforcer checks), then every
#      runtime jar into /app/lib
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The local repository is a build cache only (BuildKit cache mount): the runtime stage gets its own
# copy of every jar, so it needs neither Maven nor ~/.m2.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests install -pl starter-cli -am \
 && mvn -B -q -pl starter-cli dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp starter-cli/target/cutover-cli-*.jar /app/lib/

# ---- runtime: a JRE and the jars, run as an unprivileged user
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 cutover \
 && useradd --system --uid 10001 --gid cutover --home-dir /home/cutover --create-home --shell /usr/sbin/nologin cutover
COPY --from=build /app/lib /app/lib
USER cutover
WORKDIR /home/cutover
# /health and /prometheus (CUTOVER_WORKER_PORT)
EXPOSE 8081
# The JVM expands the classpath wildcard itself. Extra JVM flags: set JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/lib/*", "io.cutover.cli.CutoverCli"]
CMD ["worker"]
