#!/usr/bin/env bash
# The fault suite: kills, restarts and cuts off the real services and their infrastructure, and accounts for every
# job accepted meanwhile (fault-tests/target/ledger-{scenario}.txt). Not part of `mvn verify`.
#
#   fault-tests/run.sh                 every scenario (about 33 minutes)
#   fault-tests/run.sh cancel retry    the named scenarios
#
# Scenarios: encoder-killed broker-restarted cluster-node-lost redis-restarted poison-input
#            duplicate-delivery storage-and-mail-outage long-encode cancel retry
# Needs rabbitmq-server (3.10; it starts its own nodes, the machine's broker is left alone), redis-server, ffmpeg
# and pgrep; run as root or as a user that may read the broker user's Erlang cookie. FAULTS_SKIP_BUILD=1 runs the
# services' jars as they are; FAULTS_SERVICES=/other/checkout runs that checkout's built jars (e.g. a baseline)
# instead of this one's; MAVEN_ARGS=-o keeps Maven offline.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A classes=(
    [encoder-killed]=EncoderCrashFaultTests
    [broker-restarted]=BrokerRestartFaultTests
    [cluster-node-lost]=ClusterNodeLossFaultTests
    [redis-restarted]=RedisRestartFaultTests
    [poison-input]=PoisonInputFaultTests
    [duplicate-delivery]=DuplicateDeliveryFaultTests
    [storage-and-mail-outage]=OutageFaultTests
    [long-encode]=LongEncodeFaultTests
    [cancel]=CancelFaultTests
    [retry]=RetryFaultTests
)

selection=()
if [[ $# -gt 0 && $1 != all ]]; then
    for scenario in "$@"; do
        [[ -n ${classes[$scenario]:-} ]] || { echo "unknown scenario: $scenario (known: ${!classes[*]})" >&2; exit 2; }
        selection+=("${classes[$scenario]}")
    done
fi

services=()
if [[ -n ${FAULTS_SERVICES:-} ]]; then
    services=("-Dfault.services-root=$(cd "$FAULTS_SERVICES" && pwd)")
fi
if [[ ${FAULTS_SKIP_BUILD:-} != 1 && -z ${FAULTS_SERVICES:-} ]]; then
    mvn -B -q ${MAVEN_ARGS:-} install -DskipTests -pl fault-tests -am
fi
tests=()
if [[ ${#selection[@]} -gt 0 ]]; then
    tests=("-Dtest=$(IFS=,; echo "${selection[*]}")")
fi
mvn -B ${MAVEN_ARGS:-} test -pl fault-tests -Pfaults "${services[@]}" "${tests[@]}"
