#!/usr/bin/env bash
# Makes sure what transcoder needs on this machine is there: ffmpeg, a reachable RabbitMQ and Redis (installed
# from Debian's packages and started where they are missing), and Java and Maven to build with.
# Sourced by run-local.sh and .ci/run; sets STARTED_RABBITMQ / STARTED_REDIS to 1 for what it started itself.
# The Redis on 6379 is the tests' (it keeps nothing on disk: tests need no history). run-local.sh sets
# SHARED_REDIS=0 before sourcing this, since it keeps job state in a Redis of its own (durable_redis below).
set -euo pipefail

STARTED_RABBITMQ=0
STARTED_REDIS=0

say() { echo "transcoder: $*" >&2; }

reachable() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

apt_install() {
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    say "please install: $* (this script installs it only as root on Debian/Ubuntu)"
    return 1
  fi
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq >&2
    APT_UPDATED=1
  fi
  say "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

wait_for_port() { # port, name, seconds
  local deadline=$((SECONDS + $3))
  until reachable "$1"; do
    if [ $SECONDS -ge $deadline ]; then say "$2 did not come up on port $1"; return 1; fi
    sleep 1
  done
}

command -v java >/dev/null || apt_install openjdk-17-jdk-headless
command -v mvn >/dev/null || apt_install maven
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || apt_install ffmpeg

if ! reachable 5672; then
  command -v rabbitmq-server >/dev/null || apt_install rabbitmq-server
  say "starting RabbitMQ"
  rabbitmq-server -detached >&2
  STARTED_RABBITMQ=1
  wait_for_port 5672 RabbitMQ 120
fi

ensure_redis_server() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || apt_install redis-server
}

# Redis with an append-only file (fsync once a second), so that job state survives a restart of Redis or of the
# machine. Reuses a Redis already answering on the port only when it keeps its files in the same directory (ours,
# left behind by a run that was killed); anything else there means the port is taken. Sets STARTED_DURABLE_REDIS=1
# when the caller owns it (started or adopted): stop it with `redis-cli -p PORT shutdown`, which fsyncs the file.
STARTED_DURABLE_REDIS=0
durable_redis() { # port, directory, log file
  local port=$1 dir=$2 log=$3 theirs
  # callers test its status (`durable_redis ... || exit 1`), which turns set -e off in here: every step says so itself
  mkdir -p "$dir" "$(dirname "$log")" || return 1
  dir=$(cd "$dir" && pwd -P) || return 1 # Redis reports the directory it runs in without symbolic links
  ensure_redis_server || return 1
  if reachable "$port"; then
    theirs=$(timeout 5 redis-cli -p "$port" --raw config get dir 2>/dev/null | sed -n 2p || true)
    if [ -z "$theirs" ]; then
      say "port $port is taken, by something that is not a Redis of ours: stop it, or set REDIS_PORT"; return 1
    elif [ "$theirs" != "$dir" ]; then
      say "port $port is taken, by a Redis keeping its files in $theirs: stop it, or set REDIS_PORT"; return 1
    fi
    say "reusing the Redis on port $port (its files are in $dir)"
  else
    say "starting Redis on port $port (append-only file in $dir)"
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly yes --appendfsync everysec --save "" \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$log" >&2 || return 1
    wait_for_port "$port" Redis 30 || return 1
  fi
  STARTED_DURABLE_REDIS=1
  # reachable is not ready: until the append-only file is loaded, Redis answers LOADING
  local deadline=$((SECONDS + 120))
  until [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ]; do
    if [ $SECONDS -ge $deadline ]; then say "Redis on port $port did not load its data; see $log"; return 1; fi
    sleep 0.2
  done
}

if [ "${SHARED_REDIS:-1}" = 1 ] && ! reachable 6379; then
  ensure_redis_server
  say "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >&2
  STARTED_REDIS=1
  wait_for_port 6379 Redis 30
fi
