// After `vite build`: a .gz beside each file of target/dist (level 9), which the gateway sends to clients that
// accept gzip (PortalRoutes), so the portal is compressed without compressing the APIs' responses. Prints the
// gzipped size of the JavaScript (bench/portal.sh reads the same files).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('../target/dist/', import.meta.url).pathname;
let js = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(js|css|html|svg|json)$/.test(name)) {
      const gz = gzipSync(readFileSync(p), { level: 9 });
      writeFileSync(p + '.gz', gz);
      if (name.endsWith('.js')) js += gz.length;
    }
  }
}
walk(root);
console.log(`portal: JavaScript ${(js / 1024).toFixed(1)} KiB gzipped`);
