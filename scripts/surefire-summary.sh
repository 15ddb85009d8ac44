#!/usr/bin/env bash
# Sums the Surefire/Failsafe XML reports of a Maven reactor and prints, last, `N passed, N failed, N skipped`.
# Before that it prints the unit part (target/surefire-reports: plain tests, no Spring, database, Kafka or Ceph)
# and the integration part (target/surefire-reports-integration, tests tagged `integration`) with their counts
# and the time their classes took.
#
#   scripts/surefire-summary.sh ROOT [NEWER_THAN_FILE] [MAVEN_EXIT] [SECONDS]
#
# ROOT: the reactor root (reads ROOT/*/target/{surefire,failsafe}-reports/TEST-*.xml). NEWER_THAN_FILE: count
# only reports written after that file (this build's, not a stale module's). MAVEN_EXIT: when non-zero and no
# test failed, the build broke elsewhere (compilation, a plugin): the closing line then says 1 failed so it
# never reads as green. For each failed class, names its report and shows the tail of its output file.
set -euo pipefail
root="${1:?usage: surefire-summary.sh ROOT [NEWER_THAN_FILE] [MAVEN_EXIT] [SECONDS]}"
marker="${2-}" mvn_rc="${3:-0}" secs="${4-}"

tests=0 failures=0 errors=0 skipped=0
unit_tests=0 unit_ms=0 integration_tests=0 integration_ms=0
failed_classes=()
shopt -s nullglob
for f in "$root"/*/target/surefire-reports/TEST-*.xml "$root"/*/target/surefire-reports-integration/TEST-*.xml \
         "$root"/*/target/failsafe-reports/TEST-*.xml; do
  if [ -n "$marker" ] && [ ! "$f" -nt "$marker" ]; then continue; fi
  # The first <testsuite ...> element carries the class totals.
  head_line="$(grep -m1 -o '<testsuite [^>]*>' "$f" || true)"
  [ -n "$head_line" ] || continue
  attr() { sed -n -E "s/.*[[:space:]]$1=\"([0-9]+)\".*/\1/p" <<<"$head_line"; }
  t=$(attr tests); fl=$(attr failures); e=$(attr errors); s=$(attr skipped)
  tests=$((tests + ${t:-0})); failures=$((failures + ${fl:-0})); errors=$((errors + ${e:-0}))
  skipped=$((skipped + ${s:-0}))
  if [ $(( ${fl:-0} + ${e:-0} )) -gt 0 ]; then failed_classes+=("$f"); fi
  # the class's time in seconds (e.g. 1.234 or 1,234.5), as milliseconds
  ms=$(sed -n -E 's/.*[[:space:]]time="([0-9.,]+)".*/\1/p' <<<"$head_line" | tr -d , \
       | awk '{ printf "%d", $1 * 1000 }')
  case "$f" in
    */surefire-reports/*) unit_tests=$((unit_tests + ${t:-0})); unit_ms=$((unit_ms + ${ms:-0})) ;;
    *) integration_tests=$((integration_tests + ${t:-0})); integration_ms=$((integration_ms + ${ms:-0})) ;;
  esac
done
failed=$((failures + errors))
passed=$((tests - failed - skipped))

# Bounded output: CI logs stay small; the full output is in the files named.
if [ "${#failed_classes[@]}" -gt 0 ]; then
  echo
  echo "==== failed test classes ===="
  shown=0
  for f in "${failed_classes[@]}"; do
    cls="$(basename "$f" .xml)"; cls="${cls#TEST-}"
    out="$(dirname "$f")/$cls-output.txt"
    echo "-- $cls: ${f#"$root"/}"
    if [ -f "$out" ] && [ "$shown" -lt 5 ]; then
      echo "   last lines of ${out#"$root"/}:"
      tail -n 30 "$out" | cut -c1-300 | sed 's/^/   | /'
      shown=$((shown + 1))
    fi
  done
fi

seconds() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
echo
echo "unit tests:        $unit_tests in $(seconds "$unit_ms") s (plain tests: no Spring, database, Kafka or Ceph)"
echo "integration tests: $integration_tests in $(seconds "$integration_ms") s (tagged integration)"
echo "==== Nubo tests: $tests run, $failed failed ($failures failures, $errors errors), $skipped skipped${secs:+, ${secs}s} ===="
if [ "$mvn_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "Maven failed (exit $mvn_rc) outside the tests (compilation, enforcer, a plugin?): see the [ERROR] lines above."
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
