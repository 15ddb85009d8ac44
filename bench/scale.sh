#!/usr/bin/env bash
# Scaling figures of a running distributed cloud (./nubo up --distributed), side by side in one run:
#   - object-store 4 KiB GET rate through the gateway with two instances, then with one
#   - image list rate (a token verified by the service on every request) with two instances, then with one
#   - time from kill -9 of an instance to the gateway taking it out of the rotation (no traffic: health check)
# The instance stopped for the one-instance figures and the one killed are started again with their own command
# lines. Only loopback traffic; bounded by count and time.
#   bench/scale.sh [--data-dir DIR] [--port-base N] [--requests N] [--concurrency N]
set -euo pipefail
HOME_DIR="${NUBO_HOME:-$HOME/.nubo}"; PORT_BASE=8780; REQUESTS=2000; CONCURRENCY=8
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) HOME_DIR="$2"; shift ;;
    --port-base) PORT_BASE="$2"; shift ;;
    --requests) REQUESTS="$2"; shift ;;
    --concurrency) CONCURRENCY="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
PIDS="$HOME_DIR/distributed/pids"; LOGS="$HOME_DIR/distributed/logs"; GW="http://127.0.0.1:$PORT_BASE"
export OS_CLIENT_CONFIG_FILE="$HOME_DIR/clouds.yaml"
[ -f "$PIDS/object-store-2.pid" ] || { echo "no distributed cloud in $HOME_DIR (./nubo up --distributed)" >&2; exit 1; }

TOKEN=$(openstack --os-cloud nubo token issue -f value -c id)
PROJECT=$(openstack --os-cloud nubo token issue -f value -c project_id)
OBJ="$GW/object-store/v1/AUTH_$PROJECT/bench-scale/4k"
curl -sf -X PUT -H "X-Auth-Token: $TOKEN" "$GW/object-store/v1/AUTH_$PROJECT/bench-scale" -o /dev/null
head -c 4096 /dev/urandom | curl -sf -X PUT -H "X-Auth-Token: $TOKEN" -H "Content-Type: application/octet-stream" \
  --data-binary @- "$OBJ" -o /dev/null

# rate URL: N GETs from C threads with keep-alive; prints requests/s and how many were not 200
rate() {
  python3 - "$1" "$TOKEN" "$REQUESTS" "$CONCURRENCY" <<'PY'
import http.client, sys, threading, time, urllib.parse
url, token, n, c = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
u = urllib.parse.urlsplit(url); path = u.path + ("?" + u.query if u.query else "")
bad = [0]; lock = threading.Lock(); left = [n]
def worker():
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    while True:
        with lock:
            if left[0] == 0: return
            left[0] -= 1
        try:
            conn.request("GET", path, headers={"X-Auth-Token": token})
            r = conn.getresponse(); r.read()
            ok = r.status == 200
        except Exception:
            conn.close(); conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10); ok = False
        if not ok:
            with lock: bad[0] += 1
t0 = time.time(); ts = [threading.Thread(target=worker) for _ in range(c)]
[t.start() for t in ts]; [t.join() for t in ts]
print("%.0f/s (%d not 200)" % (n / (time.time() - t0), bad[0]))
PY
}

cmdline() { tr '\0' '\n' <"/proc/$(cat "$PIDS/$1.pid")/cmdline"; }
restart() { # name, saved command line file: start it again detached, wait until ready
  local port
  port=$(sed -n 's/^--server.port=//p' "$2")
  mapfile -t cmd <"$2"
  setsid "${cmd[@]}" >"$LOGS/$1.log" 2>&1 </dev/null &
  echo $! >"$PIDS/$1.pid"
  for _ in $(seq 1 480); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthcheck/readiness")" = 200 ] && return 0
    sleep 0.5
  done
  echo "$1 did not come back within 240 s" >&2; return 1
}

rate "$OBJ" >/dev/null # warm-up
echo "== two instances of object-store and image"
echo "object 4 KiB GET:  $(rate "$OBJ")"
echo "image list:        $(rate "$GW/image/v2/images")"

saved=$(mktemp); cmdline object-store-2 >"$saved"; imgsaved=$(mktemp); cmdline image-2 >"$imgsaved"
kill -TERM "$(cat "$PIDS/object-store-2.pid")" "$(cat "$PIDS/image-2.pid")"; sleep 3
echo "== one instance of each"
echo "object 4 KiB GET:  $(rate "$OBJ")"
echo "image list:        $(rate "$GW/image/v2/images")"
restart object-store-2 "$saved"; restart image-2 "$imgsaved"
sleep 2 # the gateway's next check puts them back

echo "== kill -9 of object-store-2, no traffic: until the gateway takes it out of the rotation"
before=$(grep -c "left the rotation" "$LOGS/gateway.log" || true)
t0=$(date +%s%N); kill -KILL "$(cat "$PIDS/object-store-2.pid")"
for _ in $(seq 1 200); do
  [ "$(grep -c "left the rotation" "$LOGS/gateway.log" || true)" -gt "$before" ] && break
  sleep 0.05
done
echo "out of rotation after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
echo "during a stream of GETs right after: $(rate "$OBJ")"
restart object-store-2 "$saved"

echo "== kill -9 of object-store-2 during a stream of 4 KiB PUTs: every acknowledged write still there"
python3 - "$GW/object-store/v1/AUTH_$PROJECT/bench-scale" "$TOKEN" "$PIDS/object-store-2.pid" <<'PY'
import http.client, os, signal, sys, threading, time, urllib.parse
base, token, pidfile = sys.argv[1], sys.argv[2], sys.argv[3]
u = urllib.parse.urlsplit(base)
acked, codes, lock = {}, {}, threading.Lock()
def put(i, conn):
    body = os.urandom(4096)
    try:
        conn.request("PUT", "%s/w-%d" % (u.path, i), body=body, headers={"X-Auth-Token": token})
        r = conn.getresponse(); r.read(); code = r.status
    except Exception:
        code = "conn-error"; conn.close()
    with lock:
        codes[code] = codes.get(code, 0) + 1
        if code == 201: acked[i] = body
def writer(start):
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    for i in range(start, start + 400, 1):
        put(i, conn)
        if conn.sock is None: conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
ts = [threading.Thread(target=writer, args=(k * 1000,)) for k in range(4)]
[t.start() for t in ts]
time.sleep(1.0)
os.kill(int(open(pidfile).read()), signal.SIGKILL)
[t.join() for t in ts]
lost = 0
conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
for i, body in acked.items():
    conn.request("GET", "%s/w-%d" % (u.path, i), headers={"X-Auth-Token": token})
    r = conn.getresponse(); data = r.read()
    if r.status != 200 or data != body: lost += 1
print("writes: %s; acknowledged %d, lost or changed %d" % (codes, len(acked), lost))
PY
restart object-store-2 "$saved"
rm -f "$saved" "$imgsaved"
