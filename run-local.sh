#!/usr/bin/env bash
# Runs the whole of transcoder on this machine without Docker: RabbitMQ (started, or installed, where it is
# missing), a Redis of its own on port 6380 (REDIS_PORT) keeping job state in an append-only file in run/redis, an
# embedded S3 server keeping its objects in run/s3, an embedded SMTP server whose mailboxes are readable over IMAP,
# and the five services. SPRING_DATA_REDIS_HOST (or SPRING_DATA_REDIS_URL) points it at another Redis instead, and
# then it starts none. Stop it with Ctrl-C (or by ending this process): everything it started stops with it.
#
# By default the embedded servers and the five services share one JVM (one-process/: each service still its own
# Spring context with its own configuration, port and health, talking to the others only through RabbitMQ), which
# needs a third of the memory of six. ./run-local.sh --processes starts them as six JVMs instead, the shape
# docker-compose deploys. --no-build starts what the last build left in target/ (the benchmarks use it).
set -euo pipefail
cd "$(dirname "$0")"
SHAPE=one-process BUILD=1
for arg in "$@"; do
  case "$arg" in
    --processes) SHAPE=processes ;;
    --no-build) BUILD=0 ;;
    *) echo "usage: $0 [--processes] [--no-build]" >&2; exit 2 ;;
  esac
done
SHARED_REDIS=0 # not the tests' Redis on 6379, which keeps nothing: a Redis restart there loses every job
source scripts/ensure-infrastructure.sh

RUN_DIR=${RUN_DIR:-$PWD/run}
API_PORT=${API_PORT:-8080}
REDIS_PORT=${REDIS_PORT:-6380}
OWN_REDIS=1
[ -n "${SPRING_DATA_REDIS_HOST:-}${SPRING_DATA_REDIS_URL:-}" ] && OWN_REDIS=0
VERSION=0.1.0-SNAPSHOT
SERVICES="api-service:$API_PORT downloader-service:8081 encoder-service:8082 uploader-service:8083 notifier-service:8084"
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/work" "$RUN_DIR/s3"

pids=() WRITING_CACHE=0
stop() {
  trap - INT TERM EXIT
  if [ "$WRITING_CACHE" = 1 ]; then say "stopping, and writing the start-up cache for the next start (once; about 20 s)"; else say "stopping"; fi
  # the services first, so none of them sees storage or mail vanish while it finishes its work
  if [ ${#pids[@]} -gt 1 ]; then kill "${pids[@]:1}" 2>/dev/null || true; wait "${pids[@]:1}" 2>/dev/null || true; fi
  [ ${#pids[@]} -gt 0 ] && kill "${pids[0]}" 2>/dev/null || true
  wait 2>/dev/null || true
  [ "$WRITING_CACHE" = 1 ] && [ -s "$CACHE" ] && echo "$CACHE_ID" >"$CACHE.id"
  [ "$STARTED_RABBITMQ" = 1 ] && rabbitmqctl stop >/dev/null 2>&1 || true
  if [ "$STARTED_DURABLE_REDIS" = 1 ]; then
    # SHUTDOWN writes and fsyncs the append-only file before Redis exits
    redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
    for _ in $(seq 1 100); do reachable "$REDIS_PORT" || break; sleep 0.1; done
  fi
  say "stopped"
}
trap stop EXIT
trap 'exit 130' INT TERM

for port in "${API_PORT}" 8081 8082 8083 8084 9000 3025 3143; do
  if reachable "$port"; then say "port $port is taken: is transcoder running already?"; exit 1; fi
done
# its port is checked there too: taken by anything but this run directory's own Redis (left by a killed run), it stops
if [ "$OWN_REDIS" = 1 ]; then
  durable_redis "$REDIS_PORT" "$RUN_DIR/redis" "$RUN_DIR/logs/redis.log" || exit 1
  export SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=$REDIS_PORT
  REDIS_SHOWN="127.0.0.1:$REDIS_PORT, append-only file in $RUN_DIR/redis"
else
  # never the URL itself: it may carry a password
  REDIS_SHOWN="${SPRING_DATA_REDIS_HOST:-from SPRING_DATA_REDIS_URL}${SPRING_DATA_REDIS_HOST:+:${SPRING_DATA_REDIS_PORT:-6379}} (yours; not started here)"
fi

if [ "$BUILD" = 1 ]; then
  say "building (mvn package, tests skipped)"
  mvn -B -q -DskipTests package >"$RUN_DIR/logs/build.log" 2>&1 || { tail -30 "$RUN_DIR/logs/build.log"; exit 1; }
fi

# One development key, made on the first start and kept in run/api-key (owner "dev"); the api-service gets only its
# SHA-256 hash. A key of your own: deploy/new-api-key.sh prints one, or set API_KEYS_{OWNER} before starting.
. deploy/secrets.sh
KEY_FILE="$RUN_DIR/api-key"
if [ ! -s "$KEY_FILE" ]; then
  (umask 077 && printf 'tc_%s\n' "$(random_hex 32)" >"$KEY_FILE")
  say "made a development API key in $KEY_FILE"
fi
API_KEY=$(head -n 1 "$KEY_FILE")
API_KEY_HASH=$(sha256_hex "$API_KEY")
# The secret that signs playlist and storyboard links, shared by the api-service (which checks them) and the
# notifier-service (which mails them); kept in run/link-signing-key so that mailed links survive a restart.
SIGNING_KEY_FILE="$RUN_DIR/link-signing-key"
[ -s "$SIGNING_KEY_FILE" ] || (umask 077 && random_hex 32 >"$SIGNING_KEY_FILE")
LINK_SIGNING_KEY=$(head -n 1 "$SIGNING_KEY_FILE")

# Run on the newest JDK present (compiled for 17), with small heaps: five services share this machine (or one heap).
source scripts/newest-java.sh
launch() { # name, log, command...
  local name=$1 log=$2; shift 2
  "$@" >"$log" 2>&1 &
  pids+=($!)
}

export S3_PORT=9000 S3_DIR="$RUN_DIR/s3" SMTP_PORT=3025 IMAP_PORT=3143
export TRANSCODER_WORK_DIR="$RUN_DIR/work"
export TRANSCODER_STORAGE_ENDPOINT=http://127.0.0.1:9000
export TRANSCODER_STORAGE_ACCESS_KEY=transcoder TRANSCODER_STORAGE_SECRET_KEY=transcoder-secret
export TRANSCODER_LINKS_PUBLIC_URL=http://127.0.0.1:$API_PORT

# JDK 25 makes compact object headers a product feature: 8 bytes less for every object, so a smaller heap
NEWER_JVM_OPTS=""
[ "$best" -ge 25 ] && NEWER_JVM_OPTS="-XX:+UseCompactObjectHeaders"

if [ "$SHAPE" = one-process ]; then
  # One heap for all (measured in BENCHMARKS.md); fewer malloc arenas keep the native memory of many threads small.
  # G1 with a periodic collection when idle hands a burst's heap back (SerialGC keeps it until a full collection:
  # 466 MB after 20 jobs against 323 MB, BENCHMARKS.md)
  JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseG1GC -XX:G1PeriodicGCInterval=5000 -Xms32m -Xmx384m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=25 -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=64m --enable-native-access=ALL-UNNAMED $NEWER_JVM_OPTS"}
  export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
  # Environment variables reach every context of the JVM, so what only some services may see goes to theirs alone,
  # as "--{service}.{property}=value" in an argument file (java @file): never on the command line, where ps shows it.
  ARGS_FILE="$RUN_DIR/one-process.args"
  (umask 077 && {
    echo io.transcoder.oneprocess.OneProcess
    echo "--log-dir=$RUN_DIR/logs"
    for entry in $SERVICES; do echo "--${entry%%:*}.server.port=${entry##*:}"; done
    echo "--api-service.api.keys.dev=${API_KEYS_DEV:-$API_KEY_HASH}"
    echo "--api-service.transcoder.links.signing-key=$LINK_SIGNING_KEY"
    echo "--notifier-service.transcoder.links.signing-key=$LINK_SIGNING_KEY"
    echo "--notifier-service.spring.mail.host=127.0.0.1"
    echo "--notifier-service.spring.mail.port=3025"
  } >"$ARGS_FILE")
  CLASSPATH_ONE="one-process/target/one-process-$VERSION.jar:one-process/target/lib/*"
  # A start-up cache of the shared libraries' classes, loaded and linked (JDK 25's AOT cache; a dynamic CDS archive
  # before): healthy in about half the time (BENCHMARKS.md). A start without one for this JVM, its options and these
  # library jars writes it as it stops; the services' own jars are not in it, so changing their code keeps it.
  CACHE="$RUN_DIR/cache/one-process.$([ "$best" -ge 25 ] && echo aot || echo jsa)"
  CACHE_ID=$( { "$JAVA" -version 2>&1; echo "$JAVA $JAVA_OPTS"; stat -c '%n %s %Y' one-process/target/one-process-$VERSION.jar one-process/target/lib/*; } | sha256sum | cut -c1-64)
  if [ -s "$CACHE" ] && [ "$(cat "$CACHE.id" 2>/dev/null)" = "$CACHE_ID" ]; then
    CACHE_OPTS=$([ "$best" -ge 25 ] && echo "-XX:AOTCache=$CACHE" || echo "-XX:SharedArchiveFile=$CACHE")
  else
    mkdir -p "$RUN_DIR/cache"; rm -f "$CACHE" "$CACHE.id"
    WRITING_CACHE=1
    CACHE_OPTS=$([ "$best" -ge 25 ] && echo "-XX:AOTCacheOutput=$CACHE" || echo "-XX:ArchiveClassesAtExit=$CACHE")
  fi
  launch one-process "$RUN_DIR/logs/one-process.log" "$JAVA" $JAVA_OPTS $CACHE_OPTS -cp "$CLASSPATH_ONE" @"$ARGS_FILE"
else
  JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xms16m -Xmx128m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=25 -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m $NEWER_JVM_OPTS"}
  # the api-service's own, when it needs another heap than the rest (the upload benchmark caps it at 256 MB)
  API_JAVA_OPTS=${API_JAVA_OPTS:-$JAVA_OPTS}
  launch local-infrastructure "$RUN_DIR/logs/local-infrastructure.log" \
    "$JAVA" $JAVA_OPTS -jar "local-infrastructure/target/local-infrastructure-$VERSION-exec.jar"
  wait_for_port 9000 "embedded S3" 60
  wait_for_port 3025 "embedded SMTP" 60

  export SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=3025
  for entry in $SERVICES; do
    name=${entry%%:*} port=${entry##*:}
    secrets=()
    [ "$name" = api-service ] && secrets=(API_KEYS_DEV="${API_KEYS_DEV:-$API_KEY_HASH}")
    case $name in api-service|notifier-service) secrets+=(TRANSCODER_LINKS_SIGNING_KEY="$LINK_SIGNING_KEY") ;; esac
    opts=$JAVA_OPTS
    [ "$name" = api-service ] && opts=$API_JAVA_OPTS
    launch "$name" "$RUN_DIR/logs/$name.log" \
      env "${secrets[@]}" "$JAVA" $opts -jar "$name/target/$name-$VERSION-exec.jar" --server.port="$port"
  done
fi

for entry in $SERVICES; do
  name=${entry%%:*} port=${entry##*:}
  deadline=$((SECONDS + 180))
  until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "${pids[@]}" 2>/dev/null; then
      say "$name did not become healthy; its log, $RUN_DIR/logs/$name.log, ends with:"
      tail -20 "$RUN_DIR/logs/$name.log" >&2
      [ "$SHAPE" = one-process ] && { say "and $RUN_DIR/logs/one-process.log with:"; tail -5 "$RUN_DIR/logs/one-process.log" >&2; }
      exit 1
    fi
    sleep 0.2
  done
done

cat <<TXT

transcoder is up.
  API key:      $API_KEY   (owner "dev"; kept in $KEY_FILE)
  Web page:     http://127.0.0.1:$API_PORT/
  Submit:       curl -H "Authorization: Bearer \$(cat run/api-key)" -F formats=mp4,webm -F email=you@example.com \\
                     -F file=@video.mp4 http://127.0.0.1:$API_PORT/api/jobs
  Watch:        curl -H "Authorization: Bearer \$(cat run/api-key)" http://127.0.0.1:$API_PORT/api/jobs/<id>
  Job state:    Redis $REDIS_SHOWN
  Mail:         IMAP 127.0.0.1:3143, user = the address you gave, any password (SMTP 127.0.0.1:3025)
  Logs:         $RUN_DIR/logs/
Stop with Ctrl-C.
TXT
wait -n "${pids[@]}" || true
say "a process ended unexpectedly; see $RUN_DIR/logs/"
exit 1
