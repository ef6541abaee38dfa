# syntax=docker/dockerfile:1
# One image definition for all five services:
#   docker build --build-arg SERVICE=encoder-service --build-arg PORT=8082 .

FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /build
COPY . .
# -am builds only the modules SERVICE needs; the cache mount keeps ~/.m2 across builds.
# mkdir -p: COPY in the next stage fails on a layer directory the extract left out.
RUN --mount=type=cache,target=/root/.m2 \
    : "${SERVICE:?build arg SERVICE is required}" \
 && mvn -B -q -pl "${SERVICE}" -am -DskipTests package \
 && java -Djarmode=tools -jar "${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT-exec.jar" \
        extract --layers --launcher --destination /build/extracted \
 && mkdir -p /build/extracted/dependencies /build/extracted/spring-boot-loader \
             /build/extracted/snapshot-dependencies /build/extracted/application

FROM eclipse-temurin:25-jre
ARG SERVICE
ARG PORT=8080
# curl serves the compose healthcheck; ffmpeg only goes into the encoder image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && if [ "${SERVICE}" = "encoder-service" ]; then \
        apt-get install -y --no-install-recommends ffmpeg; \
    fi \
 && rm -rf /var/lib/apt/lists/*
# /work must belong to the app user in the image: Docker copies this ownership
# into the empty named volume mounted there on first use.
RUN groupadd --gid 10001 transcoder \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /app \
        --shell /usr/sbin/nologin transcoder \
 && mkdir -p /app /work \
 && chown transcoder:transcoder /work
WORKDIR /app
# Least to most frequently changing, so a code change only replaces the last layers.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 -Xss512k" \
    SERVER_PORT=${PORT}
EXPOSE ${PORT}
USER 10001:10001
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
