# shellcheck shell=sh
# Sourced by generate-env.sh and new-api-key.sh (POSIX sh): random secrets and SHA-256, with what the machine has.

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# random_hex BYTES: that many random bytes, as lower-case hex
random_hex() {
  if command -v openssl >/dev/null 2>&1; then
    hex=$(openssl rand -hex "$1")
  elif [ -r /dev/urandom ]; then
    hex=$(od -An -v -tx1 -N "$1" /dev/urandom | tr -d ' \n')
  else
    die "need openssl or /dev/urandom for random secrets"
  fi
  [ "${#hex}" -eq $(($1 * 2)) ] || die "could not read $1 random bytes"
  printf '%s\n' "$hex"
}

# sha256_hex TEXT: the SHA-256 of TEXT's bytes (no newline added), as lower-case hex, as api-service hashes keys
sha256_hex() {
  if command -v sha256sum >/dev/null 2>&1; then
    sum=$(printf '%s' "$1" | sha256sum)
  elif command -v shasum >/dev/null 2>&1; then
    sum=$(printf '%s' "$1" | shasum -a 256)
  elif command -v openssl >/dev/null 2>&1; then
    sum=$(printf '%s' "$1" | openssl dgst -sha256 -r)
  else
    die "need sha256sum, shasum or openssl to hash the API key"
  fi
  sum=${sum%% *}
  case $sum in
    *[!0-9a-f]*) die "unexpected SHA-256 output: $sum" ;;
  esac
  [ "${#sum}" -eq 64 ] || die "unexpected SHA-256 output: $sum"
  printf '%s\n' "$sum"
}

# check_owner OWNER: owner ids allow more (., -, _), but an environment variable's name is all that carries the owner
# to api-service (API_KEYS_{OWNER}), and Spring reads '_' there as a property separator: letters and digits only keep
# the mapping exact.
check_owner() {
  case $1 in
    '' | *[!a-z0-9]*) die "an owner here is lower-case letters and digits only (got '$1')" ;;
  esac
  [ "${#1}" -le 64 ] || die "an owner id has at most 64 characters"
}
