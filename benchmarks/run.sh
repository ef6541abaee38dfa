#!/usr/bin/env bash
# Runs the benchmarks of BENCHMARKS.md against the real system: builds the project (BUILD=0 skips it), then each
# suite starts ./run-local.sh (--no-build, in benchmarks/target/run) in the shape it needs and stops it again.
#   benchmarks/run.sh                          all suites: footprint pipeline upload throughput progress
#   benchmarks/run.sh -Drounds=5 pipeline      one suite, more rounds (also -Dclips=10,60 -Dformats='mp4;hls'
#                                              -Dupload-sizes=1,4 -Djobs=20 -Dnmt=false)
# Needs the ports of the local run free (8080-8084, 9000, 3025, 3143, and 6380 for its Redis, which keeps its
# append-only file in benchmarks/target/run/redis; 8092 for the second encoder), and for the upload suite about
# 3 times the largest size free on disk. Results: stdout and benchmarks/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/newest-java.sh
if [ "${BUILD:-1}" = 1 ]; then
  echo "benchmarks: building (mvn package, tests skipped)" >&2
  mvn -B -q -DskipTests package
fi
props=() suites=()
for arg in "$@"; do case "$arg" in -D*) props+=("$arg") ;; *) suites+=("$arg") ;; esac; done
exec "$JAVA" -Drepo=. "${props[@]}" -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
  io.transcoder.benchmarks.Benchmarks "${suites[@]}"
