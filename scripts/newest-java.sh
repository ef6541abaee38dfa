#!/usr/bin/env bash
# Sets JAVA to the newest JDK present (17 or newer): transcoder compiles for 17 and runs best on the newest.
# Sourced by run-local.sh and benchmarks/run.sh.
JAVA="" best=16
for candidate in "$(command -v java)" /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  feature=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' || true)
  if [ "${feature:-0}" -gt "$best" ] 2>/dev/null; then best=$feature; JAVA=$candidate; fi
done
[ -n "$JAVA" ] || { echo "transcoder: no Java 17 or newer found" >&2; exit 1; }
