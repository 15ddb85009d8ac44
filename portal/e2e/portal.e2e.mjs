// End-to-end test of the portal in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core;
// no browser is downloaded) against a running Nubo cloud. Run by all-in-one's PortalEndToEndTest, which starts
// the cloud and the users; exits non-zero at the first failed step.
//
//   NUBO_URL=http://127.0.0.1:8780 NUBO_USER=alice NUBO_PASSWORD=... NUBO_PROJECT=portal-a \
//   NUBO_OTHER_USER=bob NUBO_OTHER_PASSWORD=... NUBO_IMAGE=... NUBO_FLAVOR=... node e2e/portal.e2e.mjs
//
// NUBO_SCREENSHOTS=dir saves a screenshot of each page there (docs/portal/ holds the committed ones).
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  assertClean, assertFitsPhone, assertNamed, call, env, launchBrowser, log, login, nav, run, shot, throttle, unthrottle,
  URL_, watchProgress, watchedPage,
} from './lib.mjs';

const USER = env('NUBO_USER');
const PASSWORD = env('NUBO_PASSWORD');
const PROJECT = env('NUBO_PROJECT');
const OTHER = env('NUBO_OTHER_USER');
const OTHER_PASSWORD = env('NUBO_OTHER_PASSWORD');
const IMAGE = env('NUBO_IMAGE');
const FLAVOR = env('NUBO_FLAVOR');
const SERVER = 'portal-web-1';
const KEY = 'portal-key';
const CONTAINER = 'portal-docs';
const VOLUME = 'portal-data';

/** An ed25519 public key in OpenSSH's format, as Nova's key pair import wants it. */
function sshPublicKey() {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
  const str = (b) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  return 'ssh-ed25519 ' + Buffer.concat([str(Buffer.from('ssh-ed25519')), str(raw)]).toString('base64') + ' portal-e2e';
}

const browser = await launchBrowser();

await run('portal e2e', browser, async () => {
  // ---- the owner -----------------------------------------------------------------------------------------
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await watchedPage(context);

  log('a browser at the root is sent to the portal');
  await page.goto(URL_ + '/');
  assert.match(page.url(), /\/dashboard\/$/);
  await page.getByRole('heading', { name: 'Log in to Nubo' }).waitFor();
  await shot(page, 'login');

  log('a wrong password gives a clear message that does not tell whether the user exists');
  await login(page, USER, 'not-the-password');
  const alert = page.getByRole('alert').filter({ hasText: 'Login failed' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /The user name, password or domain is not right\./);
  await shot(page, 'login-error');
  await login(page, 'no-such-user-' + randomBytes(3).toString('hex'), 'whatever');
  await page.waitForTimeout(500);
  assert.match(await alert.innerText(), /The user name, password or domain is not right\./);

  log('logging in with the keyboard only');
  await login(page, USER, PASSWORD, { keyboard: true });
  await page.getByRole('heading', { name: `Overview of ${PROJECT}` }).waitFor();
  assert.match(await page.getByTestId('expiry').innerText(), /Session expires at .* \(in \d+ min\)/);
  assert.equal(await page.getByRole('combobox', { name: 'Project' }).inputValue() !== '', true);

  log('overview: quotas and usage');
  await page.getByRole('progressbar', { name: /^Instances: 0 of / }).waitFor({ state: 'attached' });
  await page.getByRole('progressbar', { name: /^RAM: / }).waitFor({ state: 'attached' });
  await page.getByRole('progressbar', { name: /^Volumes: / }).waitFor({ state: 'attached' });
  await page.getByRole('progressbar', { name: /^Networks: / }).waitFor({ state: 'attached' });
  await page.getByTestId('cost').or(page.getByRole('alert').filter({ hasText: 'cost' })).waitFor();
  await shot(page, 'overview');

  log('key pairs: import one');
  await nav(page, 'Key pairs');
  await page.getByLabel('Key pair name').fill(KEY);
  await page.getByLabel('Public key (OpenSSH)').fill(sshPublicKey());
  await page.getByRole('button', { name: 'Import key pair' }).click();
  await page.getByRole('button', { name: `Delete key pair ${KEY}` }).waitFor();
  log('key pairs: a bad key shows the API\'s message');
  await page.getByLabel('Key pair name').fill('bad-key');
  await page.getByLabel('Public key (OpenSSH)').fill('ssh-rsa not-a-key');
  await page.getByRole('button', { name: 'Import key pair' }).click();
  const keyError = page.getByRole('alert').filter({ hasText: 'The action failed' });
  await keyError.waitFor();
  assert.ok((await keyError.innerText()).length > 'The action failed'.length + 5, await keyError.innerText());
  await shot(page, 'key-pairs');

  log('instances: launch with image, flavor (size shown) and key pair');
  await nav(page, 'Instances');
  await page.getByText('No instances in this project.').waitFor();
  await page.getByRole('button', { name: 'Launch instance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Launch instance' });
  await dialog.getByLabel('Name').fill(SERVER);
  await dialog.getByRole('option', { name: IMAGE }).waitFor({ state: 'attached' });
  await dialog.getByRole('combobox', { name: /^Image/ }).selectOption({ label: IMAGE });
  const flavorOption = dialog.getByLabel('Flavor').locator('option', { hasText: `${FLAVOR} (` });
  const flavorLabel = await flavorOption.innerText();
  assert.match(flavorLabel, /1 vCPU, 128\.0 MiB RAM, 1 GiB disk/);
  await dialog.getByLabel('Flavor').selectOption({ label: flavorLabel });
  await dialog.getByRole('option', { name: KEY }).waitFor({ state: 'attached' });
  await dialog.getByLabel('Key pair').selectOption({ label: KEY });
  await shot(page, 'launch');
  await dialog.getByRole('button', { name: 'Launch' }).click();
  await dialog.waitFor({ state: 'detached' });

  log('instances: the list refreshes itself until the instance is ACTIVE');
  const statuses = new Set();
  const status = page.getByLabel(new RegExp(`^Status of ${SERVER}: `));
  const deadline = Date.now() + 600_000;
  for (;;) {
    const s = (await status.getAttribute('aria-label', { timeout: 30_000 })).replace(/.*: /, '');
    statuses.add(s);
    if (s === 'ACTIVE') break;
    assert.notEqual(s, 'ERROR', `the instance failed: ${await page.getByTestId('server-' + SERVER).innerText()}`);
    assert.ok(Date.now() < deadline, `not ACTIVE within 10 min: ${[...statuses]}`);
    await page.waitForTimeout(500);
  }
  console.log(`  statuses seen without reloading: ${[...statuses].join(' -> ')}`);
  assert.ok(statuses.has('BUILD'), 'the BUILD state was shown before ACTIVE');
  await shot(page, 'instances');

  log('instances: the console log shows the guest booting');
  await page.getByRole('button', { name: `Console log of ${SERVER}` }).click();
  const consoleDialog = page.getByRole('dialog', { name: `Console log of ${SERVER}` });
  const output = consoleDialog.getByLabel('Console output');
  for (let i = 0; ; i++) {
    if ((await output.innerText()).includes('NUBO-TEST-GUEST: booted')) break;
    assert.ok(i < 180, `the console never showed the boot: ${(await output.innerText()).slice(-500)}`);
    await page.waitForTimeout(2000);
    await consoleDialog.getByRole('button', { name: 'Refresh' }).click();
  }
  await shot(page, 'console');
  await consoleDialog.getByRole('button', { name: 'Close', exact: true }).click();

  log('instances: stop, then start again');
  await page.getByRole('button', { name: `Stop ${SERVER}` }).click();
  await page.getByLabel(`Status of ${SERVER}: SHUTOFF`).waitFor({ timeout: 180_000 });
  await page.getByRole('button', { name: `Start ${SERVER}` }).click();
  await page.getByLabel(`Status of ${SERVER}: ACTIVE`).waitFor({ timeout: 180_000 });

  log('instances: pause, resume, and a snapshot that becomes an image');
  const more = () => page.getByRole('button', { name: `More actions for ${SERVER}` }).click();
  await more();
  await page.getByRole('menuitem', { name: 'Pause' }).click();
  await page.getByLabel(`Status of ${SERVER}: PAUSED`).waitFor({ timeout: 120_000 });
  await more();
  await page.getByRole('menuitem', { name: 'Resume' }).click();
  await page.getByLabel(`Status of ${SERVER}: ACTIVE`).waitFor({ timeout: 120_000 });
  await more();
  await page.getByRole('menuitem', { name: 'Snapshot' }).click();
  const snapDialog = page.getByRole('dialog', { name: `Snapshot of ${SERVER}` });
  const snapName = 'portal-snap-' + randomBytes(3).toString('hex');
  await snapDialog.getByLabel(/^Snapshot name/).fill(snapName);
  await snapDialog.getByRole('button', { name: 'Create snapshot' }).click();
  await page.getByText(`Snapshot ${snapName} is being made`).waitFor();
  const ownerToken = await page.evaluate(() => JSON.parse(sessionStorage.getItem('nubo.session')).token);
  let snap;
  for (let i = 0; ; i++) {
    snap = (await call(ownerToken, 'GET', `/image/v2/images?name=${snapName}`, undefined, 200)).body.images[0];
    if (snap && snap.status === 'active') break;
    assert.ok(i < 90, `the snapshot never became an active image: ${JSON.stringify(snap)}`);
    await page.waitForTimeout(2000);
  }
  await page.getByLabel(`Status of ${SERVER}: ACTIVE`).waitFor({ timeout: 120_000 });
  await call(ownerToken, 'DELETE', `/image/v2/images/${snap.id}`, undefined, 204);

  log('volumes: create, attach to the instance, detach, delete');
  await nav(page, 'Volumes');
  await page.getByText('No volumes in this project.').waitFor();
  await page.getByLabel('Volume name').fill(VOLUME);
  await page.getByRole('button', { name: 'Create volume' }).click();
  await page.getByLabel(`Status of ${VOLUME}: available`).waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: `Attach ${VOLUME}` }).click();
  const attach = page.getByRole('dialog', { name: `Attach ${VOLUME}` });
  await attach.getByRole('option', { name: SERVER }).waitFor({ state: 'attached' });
  await attach.getByLabel('Instance').selectOption({ label: SERVER });
  await attach.getByRole('button', { name: 'Attach' }).click();
  await page.getByLabel(`Status of ${VOLUME}: in-use`).waitFor({ timeout: 180_000 });
  await page.getByRole('row').filter({ hasText: VOLUME }).getByText(SERVER).waitFor();
  await shot(page, 'volumes');
  await page.getByRole('button', { name: `Detach ${VOLUME}` }).click();
  await page.getByLabel(`Status of ${VOLUME}: available`).waitFor({ timeout: 180_000 });
  await page.getByRole('button', { name: `Delete ${VOLUME}` }).click();
  await page.getByText('No volumes in this project.').waitFor({ timeout: 120_000 });

  log('object storage: create a container, upload with progress, download, list');
  await nav(page, 'Object storage');
  await page.getByLabel('Container name').fill(CONTAINER);
  await page.getByRole('button', { name: 'Create container' }).click();
  await page.getByRole('button', { name: `Open container ${CONTAINER}` }).click();
  await page.getByText('This container is empty.').waitFor();
  const data = randomBytes(3 * 1024 * 1024);
  await page.locator('input[type=file]').setInputFiles({ name: 'report.bin', mimeType: 'application/octet-stream', buffer: data });
  const cdp = await throttle(page, 1024 * 1024);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const seenObject = await watchProgress(page, 'Upload of report.bin');
  console.log(`  progress seen: ${seenObject.join(', ')} %`);
  await unthrottle(cdp);
  await page.getByRole('button', { name: 'Download report.bin' }).waitFor();
  await page.getByRole('cell', { name: '3.0 MiB' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report.bin' }).click(),
  ]);
  assert.ok(readFileSync(await download.path()).equals(data), 'the downloaded object is the uploaded one');
  await shot(page, 'object-storage');

  log('images: upload with progress, then delete');
  await nav(page, 'Images');
  await page.getByRole('cell', { name: IMAGE }).waitFor();
  await page.locator('input[type=file]').setInputFiles({ name: 'blank.raw', mimeType: 'application/octet-stream', buffer: Buffer.alloc(2 * 1024 * 1024) });
  await page.getByLabel('Image name').fill('portal-blank');
  await page.getByLabel('Disk format').selectOption('raw');
  const cdp2 = await throttle(page, 512 * 1024);
  await page.getByRole('button', { name: 'Upload image' }).click();
  await watchProgress(page, 'Upload of portal-blank');
  await unthrottle(cdp2);
  const row = page.getByRole('row').filter({ hasText: 'portal-blank' });
  await row.getByText('active').waitFor({ timeout: 60_000 });
  await shot(page, 'images');
  await page.getByRole('button', { name: 'Delete image portal-blank' }).click();
  await row.waitFor({ state: 'detached', timeout: 60_000 });

  log('phone width: navigation behind a menu button, no page-wide horizontal scroll');
  await page.setViewportSize({ width: 390, height: 844 });
  await nav(page, 'Instances');
  await page.getByLabel(`Status of ${SERVER}: ACTIVE`).waitFor();
  await assertFitsPhone(page);
  await shot(page, 'phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  log('every button and form field has an accessible name');
  await assertNamed(page, ['Overview', 'Instances', 'Volumes', 'Images', 'Object storage', 'Key pairs']);

  log('log out revokes the token');
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('nubo.session')).token);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByText('You have logged out.').waitFor();
  const after = await fetch(URL_ + '/compute/v2.1/servers', { headers: { 'X-Auth-Token': token } });
  assert.equal(after.status, 401, 'the token no longer works after logging out');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('nubo.session')), null);

  assertClean(page);

  // ---- a member of another project ------------------------------------------------------------------------
  log('a user of another project sees none of it');
  const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page2 = await other.newPage();
  await page2.goto(URL_ + '/dashboard/');
  await login(page2, OTHER, OTHER_PASSWORD);
  await page2.getByRole('heading', { name: /^Overview of / }).waitFor();
  const projects = await page2.getByRole('combobox', { name: 'Project' }).locator('option').allInnerTexts();
  assert.ok(!projects.includes(PROJECT), `the other user does not see project ${PROJECT}: ${projects}`);
  await nav(page2, 'Instances');
  await page2.getByText('No instances in this project.').waitFor();
  await nav(page2, 'Object storage');
  await page2.getByText('No containers.').waitFor();
  await nav(page2, 'Volumes');
  await page2.getByText('No volumes in this project.').waitFor();
  await nav(page2, 'Key pairs');
  await page2.getByText('No key pairs.').waitFor();

  log('an application credential logs in to its own project only; a wrong secret says so plainly');
  const other2 = await page2.evaluate(() => JSON.parse(sessionStorage.getItem('nubo.session')));
  const made = await call(other2.token, 'POST', `/identity/v3/users/${other2.user.id}/application_credentials`,
    { application_credential: { name: 'portal-e2e-' + randomBytes(3).toString('hex') } }, 201);
  const cred = made.body.application_credential;
  const appContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page3 = await watchedPage(appContext);
  await page3.goto(URL_ + '/dashboard/');
  await page3.getByRole('heading', { name: 'Log in to Nubo' }).waitFor();
  await page3.getByText('App credential', { exact: true }).click();
  await page3.getByLabel('Application credential ID').fill(cred.id);
  // wrong in its first character: bcrypt reads only a secret's first 72 bytes, so a changed tail would still match
  const wrongSecret = (cred.secret[0] === 'A' ? 'B' : 'A') + cred.secret.slice(1);
  await page3.getByLabel(/^Secret/).fill(wrongSecret);
  await page3.getByRole('button', { name: 'Log in' }).click();
  const credAlert = page3.getByRole('alert').filter({ hasText: 'Login failed' });
  await credAlert.waitFor();
  assert.match(await credAlert.innerText(), /The application credential ID or secret is not right\./);
  await page3.getByLabel(/^Secret/).fill(cred.secret);
  await page3.getByRole('button', { name: 'Log in' }).click();
  await page3.getByRole('heading', { name: `Overview of ${other2.project.name}` }).waitFor();
  const credProjects = await page3.getByRole('combobox', { name: 'Project' }).locator('option').allInnerTexts();
  assert.deepEqual(credProjects, [other2.project.name], 'only the credential\'s project is offered');
  const credToken = await page3.evaluate(() => JSON.parse(sessionStorage.getItem('nubo.session')).token);
  await page3.getByRole('button', { name: 'Log out' }).click();
  await page3.getByText('You have logged out.').waitFor();
  const credAfter = await fetch(URL_ + '/compute/v2.1/servers', { headers: { 'X-Auth-Token': credToken } });
  assert.equal(credAfter.status, 401, 'the application credential token no longer works after logging out');
  assertClean(page3);
  await appContext.close();
  await call(other2.token, 'DELETE', `/identity/v3/users/${other2.user.id}/application_credentials/${cred.id}`,
    undefined, 204);

  log('a token that ends while the page is open sends the user back to the login page');
  await nav(page2, 'Instances');
  const token2 = await page2.evaluate(() => JSON.parse(sessionStorage.getItem('nubo.session')).token);
  const revoked = await fetch(URL_ + '/identity/v3/auth/tokens', {
    method: 'DELETE', headers: { 'X-Auth-Token': token2, 'X-Subject-Token': token2 },
  });
  assert.equal(revoked.status, 204);
  await page2.getByText(/Your session has ended/).waitFor({ timeout: 20_000 });
  await page2.getByRole('heading', { name: 'Log in to Nubo' }).waitFor();

  // ---- clean up through the portal -------------------------------------------------------------------------
  log('the owner deletes the instance');
  await page.goto(URL_ + '/dashboard/#/instances');
  await login(page, USER, PASSWORD);
  await page.getByRole('button', { name: `Delete ${SERVER}` }).click();
  await page.getByText('No instances in this project.').waitFor({ timeout: 180_000 });

});
