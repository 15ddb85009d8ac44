#!/usr/bin/env bash
# Runs every test of the Nubo reactor (what `./nubo test` does): installs what the tests need, then
# `./mvnw -B -ntp clean verify` on the whole reactor, then prints a summary from the Surefire/Failsafe reports:
# the unit part (plain tests) and the integration part (tests tagged `integration`: Spring, PostgreSQL, Kafka,
# Ceph) with their counts and times, and a closing line `N passed, N failed, N skipped`. Exits non-zero when the
# build or any test fails.
#
#   scripts/test.sh                      # whole reactor
#   scripts/test.sh -pl identity-service -am    # extra arguments go to Maven
#   scripts/test.sh --no-deps            # skip scripts/install-deps.sh
#   scripts/test.sh --fresh-m2           # build with an empty private local repository (proves that nothing
#                                        # in ~/.m2 was left there by hand; downloads everything from Central)
#
# Our own modules always come from the reactor (verify, never install), so no io.nubo artifact in ~/.m2 is used.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

install_deps=true fresh_m2=false
mvn_args=()
for arg in "$@"; do
  case "$arg" in
    --no-deps) install_deps=false ;;
    --fresh-m2) fresh_m2=true ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) mvn_args+=("$arg") ;;
  esac
done

# --ceph: the storage drivers' contract tests run against a real single-node Ceph (scripts/ceph-single-node.sh);
# --libvirt: the compute agent's real-guest tests boot guests under qemu:///system, so libvirtd must answer;
# --volume: the iscsi volume backend's tests start their own tgtd (scripts/iscsi-target.sh);
# --network: network-dataplane's tests make bridges, namespaces and dnsmasq for real (as root);
# --portal: the portal's build needs node/npm, its browser tests Debian's chromium;
# --tempest: compute's API tests validate real responses with Tempest's own response schemas and validator
if $install_deps; then
  "$ROOT/scripts/install-deps.sh" --ceph --libvirt --volume --network --portal --tempest
  "$ROOT/scripts/libvirt-start.sh"
fi

# Build with JDK 17 (the release we target) when it is installed and the caller chose no JDK.
if [ -z "${JAVA_HOME-}" ]; then
  for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64 /usr/lib/jvm/java-17-openjdk; do
    if [ -x "$jdk/bin/javac" ]; then export JAVA_HOME="$jdk"; break; fi
  done
fi

if $fresh_m2; then
  # Outside the work tree: `clean` of the root project would delete target/ under Maven's feet.
  repo="${TMPDIR:-/tmp}/nubo-m2-fresh"
  rm -rf "$repo"
  mvn_args=("-Dmaven.repo.local=$repo" "${mvn_args[@]}")
fi

# Keep the console small: no transfer progress, no colours; test output goes to files (root pom sets
# redirectTestOutputToFile). -fae: build every module that does not depend on a failed one, so one failure
# does not hide the others.
marker="$(mktemp)"
trap 'rm -f "$marker"' EXIT
sleep 1   # file times have 1 s granularity on some file systems: reports of this build are strictly newer
started=$(date +%s)
rc=0
"$ROOT/mvnw" -B -ntp -fae -Dstyle.color=never clean verify ${mvn_args[@]+"${mvn_args[@]}"} || rc=$?
"$ROOT/scripts/surefire-summary.sh" "$ROOT" "$marker" "$rc" "$(( $(date +%s) - started ))"
exit "$rc"
