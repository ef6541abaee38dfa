#!/bin/sh
# The one step before the first `docker compose up --build`: writes, beside docker-compose.yml,
#   .env           every secret compose needs (random; .env.example says what each variable is), and
#   api-keys.env   the SHA-256 hash of a new API key for a first owner (OWNER, "admin" unless given),
# and prints that API key, once. A file that exists already is left as it is, but for a secret that a newer
# docker-compose.yml needs and it lacks (LINKS_SIGNING_KEY), which is added: this never overwrites a secret.
#
#   deploy/generate-env.sh [OWNER]
#
# More owners or keys later: deploy/new-api-key.sh OWNER.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/secrets.sh"

[ $# -le 1 ] || die "usage: $0 [OWNER]"
owner=${1:-admin}
check_owner "$owner"
root=$(cd "$here/.." && pwd)
env_file=$root/.env
keys_file=$root/api-keys.env

umask 077
if [ -e "$env_file" ]; then
  echo "kept the existing $env_file (to get new secrets, delete it and run this again)" >&2
  # a .env written before manifest links existed lacks their secret: added, as nothing is overwritten by adding it
  if ! grep -q '^LINKS_SIGNING_KEY=' "$env_file"; then
    links_signing_key=$(random_hex 32)
    [ -z "$(tail -c 1 "$env_file")" ] || echo >>"$env_file"
    printf '%s\n' "LINKS_SIGNING_KEY=$links_signing_key" >>"$env_file"
    grep -q '^API_PUBLIC_URL=' "$env_file" || printf '%s\n' "API_PUBLIC_URL=http://localhost:8080" >>"$env_file"
    echo "added LINKS_SIGNING_KEY (and API_PUBLIC_URL, if missing) to $env_file" >&2
  fi
else
  # each in its own assignment, so that set -e stops here if no random bytes could be had
  rabbitmq_password=$(random_hex 20)
  redis_password=$(random_hex 20)
  minio_root_password=$(random_hex 20)
  s3_secret_key=$(random_hex 20)
  links_signing_key=$(random_hex 32)
  tmp=$(mktemp "$env_file.XXXXXX")
  trap 'rm -f "$tmp"' EXIT
  cat >"$tmp" <<ENV
# docker compose's settings and secrets, written by deploy/generate-env.sh; .env.example says what each one is.
# Keep this file to yourself: it is git-ignored and stays out of the images (.dockerignore).
RABBITMQ_USER=transcoder
RABBITMQ_PASSWORD=$rabbitmq_password
REDIS_PASSWORD=$redis_password
MINIO_ROOT_USER=transcoder-root
MINIO_ROOT_PASSWORD=$minio_root_password
S3_BUCKET=transcoder
S3_ACCESS_KEY=transcoder
S3_SECRET_KEY=$s3_secret_key
S3_PUBLIC_BIND=127.0.0.1
S3_PUBLIC_ENDPOINT=http://localhost:9000
API_PORT=8080
API_PUBLIC_URL=http://localhost:8080
API_AUTH=keys
LINKS_SIGNING_KEY=$links_signing_key
ENV
  mv "$tmp" "$env_file"
  trap - EXIT
  echo "wrote $env_file" >&2
fi

if [ -e "$keys_file" ]; then
  echo "kept the existing $keys_file (add a key with: deploy/new-api-key.sh OWNER)" >&2
else
  sh "$here/new-api-key.sh" "$owner" "$keys_file"
fi

echo "next: docker compose up --build" >&2
