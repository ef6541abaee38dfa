#!/bin/sh
# Makes a new API key for an owner and adds its SHA-256 hash to api-keys.env, the file docker-compose.yml gives
# api-service alone (one line per owner: API_KEYS_{OWNER}=<sha256 hex>[,<sha256 hex>...]). The key itself is printed
# once, on standard output, and kept nowhere: hand it to the owner. Then `docker compose up -d` recreates api-service
# with the new file.
#
#   deploy/new-api-key.sh OWNER [FILE]     FILE: api-keys.env beside docker-compose.yml unless given
#
# A second key for an owner is added beside the first: to rotate a key, make a new one, hand it out, then delete the
# old hash from the owner's line. To revoke one, delete its hash (or the whole line).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/secrets.sh"

if [ $# -lt 1 ] || [ $# -gt 2 ]; then die "usage: $0 OWNER [FILE]"; fi
owner=$1
file=${2:-$here/../api-keys.env}
check_owner "$owner"
var=API_KEYS_$(printf '%s' "$owner" | tr '[:lower:]' '[:upper:]')

key=tc_$(random_hex 32)
hash=$(sha256_hex "$key")

umask 077
if [ ! -e "$file" ]; then
  {
    echo "# API keys' SHA-256 hashes, one line per owner: API_KEYS_{OWNER}=<sha256 hex>[,<sha256 hex>...]."
    echo "# Read by api-service only (docker-compose.yml); add keys with deploy/new-api-key.sh OWNER. Not in git."
  } >"$file"
fi
tmp=$(mktemp "$file.XXXXXX")
trap 'rm -f "$tmp"' EXIT
awk -v var="$var" -v hash="$hash" '
  index($0, var "=") == 1 { found = 1; sub(/[ \t\r]+$/, ""); $0 = ($0 == var "=") ? $0 hash : $0 "," hash }
  { print }
  END { if (!found) print var "=" hash }
' "$file" >"$tmp"
mv "$tmp" "$file"
trap - EXIT

printf '%s\n' "$key"
cat >&2 <<TXT

That is the API key of owner '$owner' (shown this once; $(basename "$file") keeps only its SHA-256 hash, as $var).
Send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>', for example:
  curl -H "Authorization: Bearer <key>" -F formats=mp4 -F email=you@example.com -F file=@video.mp4 \\
       http://localhost:8080/api/jobs
If the stack is running, 'docker compose up -d' restarts api-service with the new key.
TXT
