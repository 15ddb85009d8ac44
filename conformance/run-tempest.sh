#!/usr/bin/env bash
# Runs OpenStack Tempest (Debian's package) against a running Nubo and reports per service, counting per test.
# See conformance/README.md. Last line of output: `N passed, N failed, N skipped`.
#
#   conformance/run-tempest.sh --services identity
#   conformance/run-tempest.sh --services identity,image --regex 'tempest\.api\.image\.v2' --concurrency 2
#   conformance/run-tempest.sh --services identity --list        # only list the selected tests and count them
#
# Options:
#   --services LIST        services Nubo offers, comma separated: identity (always on), image, object-store,
#                          volume, network, compute. [service_available] is true only for these.
#                          Default: identity.
#   --regex REGEX          tests to run (default: each listed service's API tests, see README)
#   --exclude-regex REGEX  tests to leave out (identity v2 tests are always left out: Nubo has no v2 API)
#   --endpoint URL         Nubo's gateway (default http://127.0.0.1:8780)
#   --admin-password P     admin password (default: $NUBO_ADMIN_PASSWORD, else ~/.nubo/admin-password)
#   --admin-user U / --admin-project P / --admin-domain D    (defaults admin / admin / Default)
#   --security-compliance  tell Tempest that PCI-DSS options are on (lockout after 2 failures for 5 s,
#                          last 2 passwords unique): enables 4 more identity tests
#   --concurrency N        Tempest workers (default 2)
#   --image-ref ID / --image-ref-alt ID / --flavor-ref ID / --flavor-ref-alt ID
#                          what compute tests boot; by default (with compute) the script finds or makes, as admin
#                          with the openstack CLI, public images nubo-tempest-guest{,-alt} of Nubo's test guest
#                          (scripts/build-test-guest.sh) and flavors nubo-tempest-{128,192} (1 vCPU, 1 GB disk)
#   --failed-file FILE     write the ids of failed tests there (always also in the run directory)
#   --list                 write the config, list the selected tests, print their count per service; run nothing
#   --config-only          write the workspace and tempest.conf, print its path; run nothing
#   --force                run even when the endpoint does not answer
#   --fresh                recreate the workspace (conformance/work/workspace) first
#   --live-migration       the cloud has two compute hosts that take live migrations (docs/operations.md, "A
#                          two-host cloud"): min_compute_nodes = 2, live_migration and block migration on
#   --cold-migration       the cloud has two compute hosts that take migrations: min_compute_nodes = 2,
#                          cold_migration on (may be given with --live-migration)
#
# Exit: 0 all selected tests passed or skipped; 1 some failed; 2 usage or setup error.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
WORK="$HERE/work"                    # ignored by git (/conformance/work/)
WS="$WORK/workspace"
PY=/usr/bin/python3                  # Debian's: the tempest, subunit and testtools modules live there
TEMPEST=/usr/bin/tempest

services="identity" regex="" exclude="" endpoint="http://127.0.0.1:8780" admin_password="${NUBO_ADMIN_PASSWORD-}"
admin_user=admin admin_project=admin admin_domain=Default security_compliance=false concurrency=2
live_migration=False cold_migration=False compute_nodes=1
failed_file="" mode=run force=false fresh=false
image_ref="" image_ref_alt="" flavor_ref="" flavor_ref_alt=""

die() { echo "run-tempest: $*" >&2; exit 2; }
need() { [ "$#" -ge 2 ] || die "$1 needs a value"; }
while [ "$#" -gt 0 ]; do
  case "$1" in
    --services) need "$@"; services="$2"; shift ;;
    --regex) need "$@"; regex="$2"; shift ;;
    --exclude-regex) need "$@"; exclude="$2"; shift ;;
    --endpoint) need "$@"; endpoint="${2%/}"; shift ;;
    --admin-password) need "$@"; admin_password="$2"; shift ;;
    --admin-user) need "$@"; admin_user="$2"; shift ;;
    --admin-project) need "$@"; admin_project="$2"; shift ;;
    --admin-domain) need "$@"; admin_domain="$2"; shift ;;
    --security-compliance) security_compliance=true ;;
    --live-migration) live_migration=True compute_nodes=2 ;;
    --cold-migration) cold_migration=True compute_nodes=2 ;;
    --concurrency) need "$@"; concurrency="$2"; shift ;;
    --failed-file) need "$@"; failed_file="$(realpath -m "$2")"; shift ;;
    --list) mode=list ;;
    --config-only) mode=config ;;
    --force) force=true ;;
    --fresh) fresh=true ;;
    --image-ref) need "$@"; image_ref="$2"; shift ;;
    --image-ref-alt) need "$@"; image_ref_alt="$2"; shift ;;
    --flavor-ref) need "$@"; flavor_ref="$2"; shift ;;
    --flavor-ref-alt) need "$@"; flavor_ref_alt="$2"; shift ;;
    -h | --help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done
[[ "$concurrency" =~ ^[1-9][0-9]*$ ]] || die "--concurrency must be a positive number"

# ---- services -> [service_available] and default regex ----------------------------------------------------
declare -A avail=([glance]=false [swift]=false [cinder]=false [neutron]=false [nova]=false)
default_regexes=()
IFS=',' read -r -a svc_list <<<"$services"
for s in "${svc_list[@]}"; do
  case "$s" in
    identity | keystone) default_regexes+=('tempest\.api\.identity\.') ;;
    image | glance) avail[glance]=true; default_regexes+=('tempest\.api\.image\.v2\.') ;;
    object-store | object_storage | swift) avail[swift]=true; default_regexes+=('tempest\.api\.object_storage\.') ;;
    volume | block-storage | cinder) avail[cinder]=true; default_regexes+=('tempest\.api\.volume\.') ;;
    network | neutron) avail[neutron]=true; default_regexes+=('tempest\.api\.network\.') ;;
    compute | nova) avail[nova]=true; default_regexes+=('tempest\.api\.compute\.') ;;
    '') ;;
    *) die "unknown service '$s' (identity, image, object-store, volume, network, compute)" ;;
  esac
done
if [ -z "$regex" ]; then
  [ "${#default_regexes[@]}" -gt 0 ] || die "no service given"
  regex="^($(IFS='|'; echo "${default_regexes[*]}"))"
fi
# Nubo serves identity v3 only; the v2 classes would all be class-level skips.
v2_exclude='^tempest\.api\.identity\.(admin\.)?v2\.'
exclude="${exclude:+($exclude)|}$v2_exclude"

# ---- admin credentials ------------------------------------------------------------------------------------
if [ -z "$admin_password" ] && [ -r "$HOME/.nubo/admin-password" ]; then
  admin_password="$(tr -d '\r\n' <"$HOME/.nubo/admin-password")"
fi
if [ -z "$admin_password" ]; then
  [ "$mode" = run ] && die "no admin password: pass --admin-password, set NUBO_ADMIN_PASSWORD or run ./nubo up (writes ~/.nubo/admin-password)"
  admin_password="unset"   # listing and config generation need none
fi

# ---- what compute tests boot -------------------------------------------------------------------------------
# Found by name or made once, as admin, with the real CLI: the test guest boots from its qcow2 disk in seconds.
# Block storage tests make volumes from CONF.compute.image_ref too (volumes from images, image metadata, bootable
# clones), so with volume and image offered the test guest image is found or uploaded even without compute.
if { [ "${avail[nova]}" = true ] || { [ "${avail[cinder]}" = true ] && [ "${avail[glance]}" = true ]; }; } \
    && [ "$mode" = run ]; then
  os() {
    OS_AUTH_URL="$endpoint/identity/v3" OS_USERNAME="$admin_user" OS_PASSWORD="$admin_password" \
    OS_PROJECT_NAME="$admin_project" OS_USER_DOMAIN_NAME="$admin_domain" OS_PROJECT_DOMAIN_NAME="$admin_domain" \
    OS_IDENTITY_API_VERSION=3 OS_CLOUD="" /usr/bin/openstack "$@"
  }
  guest_image() {   # guest_image NAME: the id of the active public image NAME, uploaded when missing
    local id
    id="$(os image list --public --name "$1" --status active -f value -c ID | head -n 1)"
    if [ -z "$id" ]; then
      local dir
      dir="$("$ROOT/scripts/build-test-guest.sh")" || die "scripts/build-test-guest.sh failed"
      id="$(os image create --public --disk-format qcow2 --container-format bare \
        --file "$dir/test-guest.qcow2" "$1" -f value -c id)" || die "could not upload the test guest as $1"
    fi
    echo "$id"
  }
  tiny_flavor() {   # tiny_flavor NAME RAM: the id of flavor NAME, made when missing
    os flavor show "$1" -f value -c id 2>/dev/null \
      || os flavor create --public --vcpus 1 --disk 1 --ram "$2" "$1" -f value -c id \
      || die "could not make flavor $1"
  }
  [ -n "$image_ref" ] || image_ref="$(guest_image nubo-tempest-guest)"
  [ -n "$image_ref_alt" ] || image_ref_alt="$(guest_image nubo-tempest-guest-alt)"
  if [ "${avail[nova]}" = true ]; then
    [ -n "$flavor_ref" ] || flavor_ref="$(tiny_flavor nubo-tempest-128 128)"
    [ -n "$flavor_ref_alt" ] || flavor_ref_alt="$(tiny_flavor nubo-tempest-192 192)"
  fi
fi

# ---- Tempest and the workspace ----------------------------------------------------------------------------
"$ROOT/scripts/install-deps.sh" --tempest --no-postgres
mkdir -p "$WORK"
if $fresh; then rm -rf "$WS" "$WORK/workspace.yaml"; fi
if [ ! -f "$WS/.stestr.conf" ]; then
  rm -rf "$WS" "$WORK/workspace.yaml"
  # A private registry (--workspace-path): the shared ~/.tempest/workspace.yaml refuses a name used before.
  # Run from $WORK: `tempest init` writes a tempest.log into the current directory.
  (cd "$WORK" && "$TEMPEST" init --name nubo-conformance --workspace-path "$WORK/workspace.yaml" "$WS" \
      >"$WORK/init.log" 2>&1) || { tail -n 20 "$WORK/init.log" >&2; die "tempest init failed"; }
fi

# A small file that image tests can import from "the web": served on a loopback address of its own for the length
# of the run. Nubo refuses to fetch loopback by default (issue 18), so the cloud under test opts in to exactly this
# address: NUBO_OUTBOUND_ALLOWEDNETWORKS=127.0.0.42/32 ./nubo up (conformance/README.md).
http_host="${NUBO_CONFORMANCE_HTTP_HOST:-127.0.0.42}"
mkdir -p "$WORK/http"
[ -f "$WORK/http/nubo-test-image.img" ] || head -c 1048576 /dev/zero >"$WORK/http/nubo-test-image.img"
http_port="$("$PY" -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1])' "$http_host")"

# oslo.config expands $name in values: a literal $ is written $$.
admin_password_ini="${admin_password//\$/\$\$}"
ini_bool() { if [ "$1" = true ]; then echo True; else echo False; fi; }
conf="$WS/etc/tempest.conf"
: >"$conf" && chmod 600 "$conf"   # it holds the admin password
cat >"$conf" <<EOF
# Written by conformance/run-tempest.sh for the Nubo at $endpoint; rewritten on every run.
[DEFAULT]
log_file = tempest.log
log_dir = $WS/logs
debug = False

[oslo_concurrency]
lock_path = $WS/tempest_lock

[auth]
use_dynamic_credentials = True
create_isolated_networks = $(ini_bool "${avail[neutron]}")
admin_username = $admin_user
admin_password = $admin_password_ini
admin_project_name = $admin_project
admin_domain_name = $admin_domain
default_credentials_domain_name = $admin_domain
tempest_roles = member

[identity]
catalog_type = identity
uri_v3 = $endpoint/identity/v3
auth_version = v3
region = RegionOne
v3_endpoint_type = public
disable_ssl_certificate_validation = True
admin_role = admin
default_domain_id = default
user_lockout_failure_attempts = 2
user_lockout_duration = 5
user_unique_last_password_count = 2

[identity-feature-enabled]
api_v2 = False
api_v3 = True
security_compliance = $(ini_bool "$security_compliance")
trust = True
project_tags = True
application_credentials = True
access_rules = True

[service_available]
glance = $(ini_bool "${avail[glance]}")
swift = $(ini_bool "${avail[swift]}")
cinder = $(ini_bool "${avail[cinder]}")
neutron = $(ini_bool "${avail[neutron]}")
nova = $(ini_bool "${avail[nova]}")
horizon = False

[image]
catalog_type = image
region = RegionOne
http_image = http://$http_host:$http_port/nubo-test-image.img

[image-feature-enabled]
api_v2 = True
api_v1 = False
# Nubo's image service: interoperable import (glance-direct, web-download), os_glance_* reserved; image locations
# (show_multiple_locations) on, limited to the URLs nubo.outbound allows (the cloud under test opts in to
# $http_host, where http_image is served); no image cache API
import_image = True
os_glance_reserved = True
manage_locations = True

[compute]
catalog_type = compute
region = RegionOne
image_ref = $image_ref
image_ref_alt = $image_ref_alt
flavor_ref = $flavor_ref
flavor_ref_alt = $flavor_ref_alt
# emulated guests on a busy 2-core machine: seconds, sometimes a minute
build_timeout = 300
min_compute_nodes = $compute_nodes
# exactly what compute-service announces (GET /v2.1: version 2.30, min_version 2.1; config/ComputeApiVersions)
min_microversion = 2.1
max_microversion = 2.30

[compute-feature-enabled]
# what Nubo's compute serves today, no more (docs/api-coverage.md, Compute)
console_output = True
pause = True
suspend = True
snapshot = True
config_drive = True
enable_instance_password = True
# OS-DCF:diskConfig AUTO and MANUAL are kept as asked (create, update, rebuild); the root disk always grows to the
# flavor's size, no file system is grown (as Nova's libvirt driver for an image it cannot extend)
disk_config = True
# the only switch for Tempest's writeable server metadata tests (served); the two other APIs behind it, os-agents and
# the resetNetwork action, are not served and fail (counted as failures, docs/conformance.md)
xenapi_apis = True
# resize, confirm and revert on the server's own host (allow_resize_to_same_host, as devstack sets for one node)
resize = True
# cold migration only with --cold-migration, live migration only with --live-migration (both need two hosts); not
# served: rescue, consoles (remote-consoles answers "Unavailable console type",
# as Nova with every console off), changePassword, the metadata service, personality files (accepted, not
# injected), trigger_crash_dump (2.17: 400 as for a driver without it)
cold_migration = $cold_migration
live_migration = $live_migration
# local qcow2 disks: a live migration copies them (libvirt's block migration over NBD)
block_migration_for_live_migration = $live_migration
# a server booted from a volume moves too: its volumes are connected on the destination before the move
volume_backed_live_migration = $live_migration
# shelve (offloaded at once, Nova's shelved_offload_time 0), unshelve and 2.20's volume attach/detach on a shelved
# server: ShelveApiTest, ShelveEndToEndTest (a real guest), and Tempest's shelve tests (docs/conformance.md)
shelve = True
shelve_migrate = False
rescue = False
stable_rescue = False
vnc_console = False
spice_console = False
serial_console = False
change_password = False
metadata_service = False
personality = False
# os-interface is served (attach by network or port, hot-plugged by the agent)
interface_attach = True
attach_encrypted_volume = False
swap_volume = False
volume_multiattach = False
# the scheduler's filters (compute-service scheduler: zone, host up and enabled, capacity, server groups; the soft
# policies of 2.15 weigh hosts, they filter none)
scheduler_enabled_filters = AvailabilityZoneFilter,ComputeFilter,ServerGroupAntiAffinityFilter,ServerGroupAffinityFilter

[volume]
catalog_type = volumev3
region = RegionOne
# Nubo's pools are host@backend#backend with Cinder's vendor name (block-storage-service README); the default
# backend is file, whose storage_protocol is "file": a type asking for another protocol finds no backend (the
# volume goes to error with a user message, as Cinder's capabilities filter leaves it)
vendor_name = Open Source
storage_protocol = file
# the microversions announced (BlockStorageApiConfiguration: 3.0 to 3.42; 3.43 and above are not served)
min_microversion = 3.0
max_microversion = 3.42

[volume-feature-enabled]
# what Nubo's block storage serves (docs/api-coverage.md, Block storage): backups to the object store (full, not
# incremental), no manage/unmanage (the 3.8 manageable lists are served, but no driver can adopt a volume), one
# backend per type (multi-backend retype with migration is not served); in-use extend from 3.42 (the guest's disk grows)
snapshot = True
clone = True
backup = True
manage_volume = False
manage_snapshot = False
multi_backend = False
extend_attached_volume = True

[network]
catalog_type = network
region = RegionOne
# an external network made by the operator (NUBO_PUBLIC_NETWORK_ID), for routers' gateways and floating IPs
public_network_id = ${NUBO_PUBLIC_NETWORK_ID-}
project_network_cidr = 10.100.0.0/16
project_network_v6_cidr = 2001:db8::/48

[network-feature-enabled]
# exactly the extensions Nubo's network service lists at GET /v2.0/extensions
api_extensions = external-net,provider,net-mtu,net-mtu-writable,port-security,binding,allowed-address-pairs,security-group,security-groups-normalized-cidr,stateful-security-group,quotas,quota_details,tag,standard-attr-tag,standard-attr-timestamp,standard-attr-revisions,standard-attr-description,router,ext-gw-mode,subnet_allocation,agent,ip-substring-filtering,service-type,pagination,sorting,project-id
ipv6 = True
ipv6_subnet_attributes = True
port_security = True
floating_ips = True

[object-storage]
catalog_type = object-store
region = RegionOne
operator_role = member
reseller_admin_role = ResellerAdmin

[object-storage-feature-enabled]
# exactly the middlewares Nubo's object store implements (its GET /info lists the same)
discoverable_apis = tempurl,formpost,staticweb,slo,dlo,bulk_delete,bulk_upload,account_quotas,container_quotas,crossdomain
container_sync = False
object_versioning = False
discoverability = True

[validation]
run_validation = False

[service-clients]
http_timeout = 60
EOF

if [ "$mode" = config ]; then echo "$conf"; exit 0; fi

# From the workspace: stestr keeps its results in $WS/.stestr, Tempest's log goes to $WS/logs and ./tempest.log.
run_tempest() { (cd "$WS" && "$TEMPEST" run --config-file "$conf" "$@"); }

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
RUN="$WORK/runs/$stamp"
mkdir -p "$RUN"
ln -sfn "runs/$stamp" "$WORK/last"

run_tempest --list-tests --regex "$regex" --exclude-regex "$exclude" >"$RUN/list.out" 2>"$RUN/list.err" \
  || { tail -n 20 "$RUN/list.err" >&2; die "tempest could not list tests"; }
grep -E '^tempest\.' "$RUN/list.out" >"$RUN/selected.txt" || true
selected=$(wc -l <"$RUN/selected.txt")
[ "$selected" -gt 0 ] || die "regex '$regex' selects no test"

if [ "$mode" = list ]; then
  sed -E 's/^tempest\.api\.([a-z_]+)\..*/\1/; t; s/^([^.]+\.[^.]+)\..*/\1/' "$RUN/selected.txt" | sort | uniq -c \
    | awk '{printf "%-20s %5d\n", $2, $1}'
  echo "$selected tests selected (regex '$regex', excluded '$exclude'); list in $RUN/selected.txt"
  exit 0
fi

if ! curl -fsS -o /dev/null --max-time 5 "$endpoint/identity/v3" 2>/dev/null && ! $force; then
  die "Nubo does not answer at $endpoint/identity/v3 (start it with ./nubo up --detach, or pass --force)"
fi

"$PY" -m http.server --bind "$http_host" --directory "$WORK/http" "$http_port" >"$RUN/http.log" 2>&1 &
http_pid=$!
trap 'kill "$http_pid" 2>/dev/null || true' EXIT

echo "run-tempest: $selected tests, concurrency $concurrency, services $services, endpoint $endpoint"
echo "run-tempest: output in $RUN/tempest-run.log"
started=$(date +%s)
rc=0
run_tempest --regex "$regex" --exclude-regex "$exclude" --concurrency "$concurrency" \
  >"$RUN/tempest-run.log" 2>&1 </dev/null || rc=$?
elapsed=$(( $(date +%s) - started ))

(cd "$WS" && /usr/bin/stestr last --subunit >"$RUN/results.subunit" 2>"$RUN/stestr.err") \
  || { tail -n 20 "$RUN/tempest-run.log" >&2; die "no results from this run (tempest exit $rc)"; }

summary_rc=0
"$PY" "$HERE/tempest_results.py" "$RUN/results.subunit" --tests "$RUN/selected.txt" \
  --failed-file "$RUN/failed.txt" --json "$RUN/summary.json" >"$RUN/summary.txt" || summary_rc=$?
[ "$summary_rc" -le 1 ] || die "could not read the results (see $RUN/results.subunit)"
[ -z "$failed_file" ] || cp "$RUN/failed.txt" "$failed_file"

echo "run-tempest: finished in ${elapsed}s (tempest exit $rc); failed ids in ${failed_file:-$RUN/failed.txt}"
cat "$RUN/summary.txt"    # its last line: N passed, N failed, N skipped
exit "$summary_rc"
