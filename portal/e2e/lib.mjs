// What the portal's browser tests share: the environment, the browser (Debian's Chromium through playwright-core),
// logging in, moving between pages, upload throttling and progress, and the checks every page gets.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const env = (k, d) => {
  const v = process.env[k] ?? d;
  if (v === undefined) throw new Error(`${k} is not set`);
  return v;
};
export const URL_ = env('NUBO_URL');
const SHOTS = process.env.NUBO_SCREENSHOTS;

let step = 'start';
const started = Date.now();
export const elapsed = () => ((Date.now() - started) / 1000).toFixed(1);
// a step that hangs (a request never answered, a page promise never settled) fails the script with its name,
// well before the test that runs it gives up, instead of leaving nothing to read
const STEP_LIMIT_MS = Number(process.env.NUBO_STEP_MINUTES ?? '10') * 60_000;
let watchdog;
function watch() {
  clearTimeout(watchdog);
  const name = step;
  watchdog = setTimeout(() => {
    console.error(`FAILED at step "${name}": it has taken over ${STEP_LIMIT_MS / 60_000} min (at ${elapsed()} s)`);
    process.exit(1);
  }, STEP_LIMIT_MS);
  watchdog.unref();
}
export function log(s) {
  step = s;
  console.log(`[${elapsed()} s] ${s}`);
  watch();
}
/** A line inside a step, timed, so a slow step shows where its time went. */
export function note(s) {
  console.log(`  [${elapsed()} s] ${s}`);
}
export const currentStep = () => step;

export async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300); // let transitions (modals, progress) settle
  await page.screenshot({ path: join(SHOTS, name + '.png') });
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: env('CHROMIUM', '/usr/bin/chromium'),
    headless: true,
    // root has no sandbox; nothing of Chromium's own (updates, sync, safe browsing) may reach out of the machine
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-default-apps', '--disable-features=Translate,OptimizationHints,MediaRouter'],
  });
}

/** A page that accepts confirm() dialogs and records every 5xx answer and every request to another origin. */
export async function watchedPage(context) {
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  page.failed = [];
  page.external = [];
  page.on('response', (r) => {
    if (r.status() >= 500) page.failed.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(URL_) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) page.external.push(r.url());
  });
  return page;
}

/** No 5xx, nothing from another origin, on this page so far. */
export function assertClean(page) {
  assert.deepEqual(page.failed, [], 'no request answered 5xx');
  assert.deepEqual(page.external, [], 'nothing was fetched from anywhere but the gateway');
}

export async function login(page, user, password, { keyboard = false } = {}) {
  await page.getByLabel('User name').fill('');
  if (keyboard) {
    // keyboard only: focus the first field, type, Tab to the next, Enter submits
    await page.getByLabel('User name').focus();
    await page.keyboard.type(user);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Default');
    await page.keyboard.press('Enter');
  } else {
    await page.getByLabel('User name').fill(user);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByLabel('Domain').fill('Default');
    await page.getByRole('button', { name: 'Log in' }).click();
  }
}

export async function nav(page, name) {
  // at phone width the navigation is behind the menu button (a link's click closes it again)
  const burger = page.getByRole('button', { name: 'Toggle navigation' });
  if (await burger.isVisible()) await burger.click();
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 2 }).first().waitFor();
}

/** Slows this page's uploads (Chrome's own network emulation) so their progress can be watched. */
export async function throttle(page, bytesPerSecond) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond,
  });
  return cdp;
}
export async function unthrottle(cdp) {
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

/** Follows the upload's progress bar until it is gone (the upload ended): it must have shown a value strictly
 * between 0 and 100, and no error may follow. */
export async function watchProgress(page, label) {
  const bar = page.getByRole('progressbar', { name: label });
  await bar.waitFor({ state: 'attached', timeout: 30_000 });
  const seen = new Set();
  const deadline = Date.now() + 180_000;
  while ((await bar.count()) > 0) {
    assert.ok(Date.now() < deadline, `the upload of ${label} did not end within 3 min: ${[...seen]}`);
    const v = await bar.getAttribute('aria-valuenow', { timeout: 1000 }).catch(() => null);
    if (v !== null) seen.add(Number(v));
    await page.waitForTimeout(100);
  }
  const between = [...seen].filter((v) => v > 0 && v < 100);
  assert.ok(between.length > 0, `progress of ${label} seen between 0 and 100 %: ${[...seen]}`);
  const failed = page.getByRole('alert').filter({ hasText: 'The action failed' });
  assert.equal(await failed.count(), 0, `the upload failed: ${await failed.allInnerTexts()}`);
  return [...seen].sort((a, b) => a - b);
}

/** Every button, link and form field on each of these pages has an accessible name. */
export async function assertNamed(page, pages) {
  for (const p of pages) {
    await nav(page, p);
    await page.waitForTimeout(500);
    const unnamed = await page.evaluate(() => {
      const bad = [];
      for (const el of document.querySelectorAll('button, input, select, textarea, a[href]')) {
        if (el.type === 'hidden' || el.closest('[aria-hidden="true"]') || (el.type === 'file' && el.hidden)) continue;
        if (getComputedStyle(el).display === 'none') continue;
        const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.labels?.length
          || el.getAttribute('title') || el.textContent.trim();
        if (!labelled) bad.push(el.outerHTML.slice(0, 120));
      }
      return bad;
    });
    assert.deepEqual(unnamed, [], `controls without a name on ${p}`);
  }
}

/** At phone width (390 px) the page is no wider than the phone. */
export async function assertFitsPhone(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow} px wider than the phone`);
}

/** A project-scoped token straight from Keystone (the test's own API calls, beside the browser). */
export async function token(user, password, project) {
  const r = await fetch(URL_ + '/identity/v3/auth/tokens', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ auth: {
      identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } },
      scope: { project: { name: project, domain: { name: 'Default' } } },
    } }),
  });
  assert.equal(r.status, 201, `a token for ${user} in ${project}`);
  return r.headers.get('x-subject-token');
}

/** A JSON API call with that token; asserts the status when `expect` is given. */
export async function call(tok, method, path, body, expect) {
  const r = await fetch(URL_ + path, {
    method, headers: { 'X-Auth-Token': tok, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (expect !== undefined) assert.equal(r.status, expect, `${method} ${path}: ${text.slice(0, 300)}`);
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text; // Glance and Swift answer some errors in HTML or plain text
  }
  return { status: r.status, body: json, headers: r.headers };
}

/** Runs the steps; exits non-zero with the step's name at the first failure. */
export async function run(name, browser, steps) {
  try {
    await steps();
    console.log(`${name}: all steps passed in ${elapsed()} s`);
    await browser.close();
  } catch (e) {
    console.error(`${name}: FAILED at step "${step}":`, e);
    await browser.close().catch(() => {});
    process.exit(1);
  }
}
