# Hearth server image, built from this repository:  docker build -t hearth .
# Stage 1 builds with the Maven wrapper and Node.js 20 for the editor; stage 2 runs on a JRE with the JVM options
# of jvm.options (the same file ./hearth start and ./hearth bench use). Add or override options with JAVA_OPTS,
# e.g. docker run -e JAVA_OPTS=-Xmx512m ...
FROM eclipse-temurin:25-jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm ca-certificates curl && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests -pl engine/server -am package

FROM eclipse-temurin:25-jre
RUN useradd --system --home-dir /data --shell /usr/sbin/nologin hearth \
 && mkdir -p /data && chown hearth /data
COPY --from=build /src/engine/server/target/hearth-server.jar /opt/hearth/hearth-server.jar
COPY jvm.options /opt/hearth/jvm.options
USER hearth
ENV HEARTH_DATA_DIR=/data \
    JAVA_OPTS=""
VOLUME /data
EXPOSE 5678
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD curl -fsS http://localhost:5678/actuator/health/readiness || exit 1
# exec: java is PID 1 and receives SIGTERM (docker stop) itself.
ENTRYPOINT ["sh", "-c", "exec java @/opt/hearth/jvm.options $JAVA_OPTS --enable-native-access=ALL-UNNAMED -jar /opt/hearth/hearth-server.jar \"$@\"", "hearth"]
