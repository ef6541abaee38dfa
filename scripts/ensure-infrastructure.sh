#!/usr/bin/env bash
# Makes sure what transcoder needs on this machine is there: ffmpeg, a reachable RabbitMQ and Redis (installed
# from Debian's packages and started where they are missing), and Java and Maven to build with.
# Sourced by run-local.sh and .ci/run; sets STARTED_RABBITMQ / STARTED_REDIS to 1 for what it started itself.
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

if ! reachable 6379; then
  command -v redis-server >/dev/null || apt_install redis-server
  say "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >&2
  STARTED_REDIS=1
  wait_for_port 6379 Redis 30
fi
