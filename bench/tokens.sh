#!/usr/bin/env bash
# Token issue and validation rates of a running Nubo, at concurrency 16 (figures, not a test; compare with a real
# Keystone on the same machine by pointing --identity at it). Loopback only; every run is bounded in requests and
# time. Uses ApacheBench (`ab`, Debian's apache2-utils; installed if missing and we are root).
#   bench/tokens.sh [--endpoint http://127.0.0.1:8780] [--admin-password P] [--requests N] [--concurrency C]
#                   [--identity URL]   (default: ENDPOINT/identity; e.g. http://127.0.0.1:5000 for a Keystone)
# It creates a user and project "bench-tokens" (password auth; the server's bcrypt cost applies) and measures:
#   issue      POST /v3/auth/tokens, password method, project scope
#   validate   GET  /v3/auth/tokens with X-Subject-Token (identity's validation API)
#   in-service GET compute's /v2.1 with the token (200; a bad token gets 401): the token is verified inside that
#              service, without calling identity
set -euo pipefail
endpoint=http://127.0.0.1:8780 password="${NUBO_ADMIN_PASSWORD:-}" requests=2000 concurrency=16 identity=""
while [ $# -gt 0 ]; do
  case "$1" in
    --endpoint) endpoint=$2; shift 2 ;;
    --admin-password) password=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --identity) identity=$2; shift 2 ;;
    *) echo "usage: $0 [--endpoint URL] [--admin-password P] [--requests N] [--concurrency C] [--identity URL]" >&2
       exit 2 ;;
  esac
done
identity=${identity:-$endpoint/identity}
for url in "$endpoint" "$identity"; do
  case "$url" in
    http://127.*|http://localhost*|http://\[::1\]*) ;;
    *) echo "bench/tokens.sh: loopback addresses only ($url)" >&2; exit 2 ;;
  esac
done
[ -n "$password" ] || password=$(cat ~/.nubo/admin-password 2>/dev/null || true)
[ -n "$password" ] || { echo "bench/tokens.sh: no admin password (--admin-password)" >&2; exit 2; }
if ! command -v ab >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y apache2-utils >/dev/null 2>&1 || { apt-get update >/dev/null && \
    apt-get install -y apache2-utils >/dev/null; }; else echo "bench/tokens.sh: needs ab (apache2-utils)" >&2; exit 2; fi
fi
work=$(mktemp -d /tmp/bench-tokens.XXXXXX)
trap 'rm -rf "$work"' EXIT
json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

auth() {  # auth BODY -> token (stdout)
  curl -sf -D "$work/h" -o "$work/b" -H 'Content-Type: application/json' -d "$1" "$identity/v3/auth/tokens" >/dev/null
  tr -d '\r' < "$work/h" | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}'
}
admin=$(auth '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"id":"default"},"password":"'"$password"'"}}},"scope":{"project":{"name":"admin","domain":{"id":"default"}}}}}')
[ -n "$admin" ] || { echo "bench/tokens.sh: admin login failed" >&2; exit 1; }
api() { curl -sf -H "X-Auth-Token: $admin" -H 'Content-Type: application/json' "$@"; }

user_pw="bench-$(date +%s)-Pw"
project=$(api "$identity/v3/projects?name=bench-tokens" | json "d['projects'][0]['id'] if d['projects'] else ''")
[ -n "$project" ] || project=$(api -d '{"project":{"name":"bench-tokens","domain_id":"default"}}' \
  "$identity/v3/projects" | json "d['project']['id']")
user=$(api "$identity/v3/users?name=bench-tokens" | json "d['users'][0]['id'] if d['users'] else ''")
if [ -z "$user" ]; then
  user=$(api -d '{"user":{"name":"bench-tokens","domain_id":"default","password":"'"$user_pw"'"}}' \
    "$identity/v3/users" | json "d['user']['id']")
else
  api -X PATCH -d '{"user":{"password":"'"$user_pw"'"}}' "$identity/v3/users/$user" >/dev/null
fi
member=$(api "$identity/v3/roles?name=member" | json "d['roles'][0]['id']")
api -X PUT "$identity/v3/projects/$project/users/$user/roles/$member" >/dev/null
sleep 1   # a password change revokes tokens issued in the same second
body='{"auth":{"identity":{"methods":["password"],"password":{"user":{"id":"'"$user"'","password":"'"$user_pw"'"}}},"scope":{"project":{"id":"'"$project"'"}}}}'
printf '%s' "$body" > "$work/auth.json"
token=$(auth "$body")

rate() {  # rate LABEL N ab-args... -> one line
  local label=$1 n=$2; shift 2
  ab -q -k -t 120 -n "$n" -c "$concurrency" -s 30 "$@" > "$work/ab.txt" 2>&1 || true
  local rps failed non2xx p50 p99
  rps=$(awk '/Requests per second/{print $4}' "$work/ab.txt")
  failed=$(awk '/Failed requests/{print $3}' "$work/ab.txt")
  non2xx=$(awk '/Non-2xx responses/{print $3}' "$work/ab.txt")
  p50=$(awk '$1=="50%"{print $2}' "$work/ab.txt"); p99=$(awk '$1=="99%"{print $2}' "$work/ab.txt")
  printf '%-11s %7s req/s   p50 %4s ms   p99 %5s ms   (%s requests, failed %s, non-2xx %s)\n' "$label" "${rps:-?}" \
    "${p50:-?}" "${p99:-?}" "$n" "${failed:-?}" "${non2xx:-0}"
}

echo "token rates at concurrency $concurrency against $identity ($(nproc) cores)"
issue_n=$(( requests / 4 ))   # password auth is bcrypt-bound: fewer requests
rate issue "$issue_n" -p "$work/auth.json" -T application/json "$identity/v3/auth/tokens"
rate validate "$requests" -H "X-Auth-Token: $token" -H "X-Subject-Token: $token" "$identity/v3/auth/tokens"
if [ "$identity" = "$endpoint/identity" ]; then
  # another service's cheapest answer that still verifies a token sent with it: compute's version document (200
  # with our token, 401 with a bad one), so the rate is that of verification inside a service, without identity
  path=/compute/v2.1
  good=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $token" "$endpoint$path")
  bad=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: not-a-token" "$endpoint$path")
  if [ "$good" = 200 ] && [ "$bad" = 401 ]; then
    rate in-service "$requests" -H "X-Auth-Token: $token" "$endpoint$path"
    echo "            (in-service: GET $path through the gateway; 200 with the token, 401 with a bad one)"
  else
    echo "in-service  skipped: GET $path answered $good with the token and $bad with a bad one"
  fi
fi
