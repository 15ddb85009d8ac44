#!/usr/bin/env bash
# The portal's first page load (figures, not a test): a running Nubo's gateway serves /dashboard/; headless
# Chromium (Debian's) opens it N times, each in a new browser context (a cold cache), and the time from navigation
# to the login form being shown is printed (min/median/max), with the navigation timing's DOMContentLoaded and load.
# Then the bytes a browser downloads: every file index.html names, fetched with Accept-Encoding: gzip, and the
# JavaScript's gzipped total (target: under 500 KiB). Loopback only; bounded (N loads, 30 s each at most).
#   bench/portal.sh [--endpoint http://127.0.0.1:8780] [--runs 10]
# Needs the portal module built once (its node_modules hold playwright-core) and /usr/bin/chromium
# (scripts/install-deps.sh --portal).
set -euo pipefail
endpoint=http://127.0.0.1:8780 runs=10
while [ $# -gt 0 ]; do
  case "$1" in
    --endpoint) endpoint=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: $0 [--endpoint URL] [--runs N]" >&2; exit 2 ;;
  esac
done
case "$endpoint" in
  http://127.*|http://localhost*|http://\[::1\]*) ;;
  *) echo "bench/portal.sh: loopback addresses only ($endpoint)" >&2; exit 2 ;;
esac
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
[ -d "$ROOT/portal/node_modules/playwright-core" ] || { echo "bench/portal.sh: build the portal module first" >&2; exit 2; }

echo "== portal at $endpoint/dashboard/"
index="$(curl -sS --max-time 10 "$endpoint/dashboard/")"
js=0 total=0
for f in $(grep -oE '/dashboard/assets/[^"]+' <<<"$index" | sort -u); do
  bytes=$(curl -sS --max-time 10 -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$endpoint$f")
  awk -v f="${f#/dashboard/}" -v b="$bytes" 'BEGIN { printf "  %-48s %8.1f KiB gzipped\n", f, b / 1024 }'
  total=$((total + bytes))
  case "$f" in *.js) js=$((js + bytes)) ;; esac
done
awk -v j="$js" -v t="$total" \
  'BEGIN { printf "JavaScript shipped: %.1f KiB gzipped (target < 500 KiB); all assets %.1f KiB\n", j / 1024, t / 1024 }'

cd "$ROOT/portal"
NUBO_URL="$endpoint" RUNS="$runs" node --input-type=module <<'JS'
import { chromium } from 'playwright-core';
const url = process.env.NUBO_URL + '/dashboard/';
const runs = Number(process.env.RUNS);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
const shown = [], dcl = [], load = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } }); // empty cache
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(url, { timeout: 30_000 });
    await page.getByRole('heading', { name: 'Log in to Nubo' }).waitFor({ timeout: 30_000 });
    shown.push(Date.now() - t0);
    const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
    dcl.push(nav.domContentLoadedEventEnd);
    load.push(nav.loadEventEnd);
    await context.close();
  }
} finally {
  await browser.close();
}
const stat = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return `min ${s[0].toFixed(0)} ms, median ${s[Math.floor(s.length / 2)].toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms`;
};
console.log(`first page load, cold cache, ${runs} runs (target < 1 s):`);
console.log(`  login form shown     ${stat(shown)}`);
console.log(`  DOMContentLoaded     ${stat(dcl)}`);
console.log(`  load event           ${stat(load)}`);
JS
