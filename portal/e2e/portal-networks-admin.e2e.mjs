// The portal's second browser test (run by all-in-one's PortalNetworksAdminEndToEndTest, which starts the cloud,
// the users, an external network and the quotas): networks, subnets, routers, floating IPs and security group
// rules made in the browser and seen through the API; the launch wizard's request; a launch over quota showing
// the API's message; an upload cancelled mid-way leaving no object; 1,000 servers listed page by page; the admin
// pages shown to an admin and hidden from a member. Exits non-zero at the first failed step.
//
//   NUBO_URL=... NUBO_ADMIN_PASSWORD=... NUBO_USER=... NUBO_PASSWORD=... NUBO_PROJECT=... NUBO_OTHER_USER=...
//   NUBO_OTHER_PASSWORD=... NUBO_OTHER_PROJECT=... NUBO_IMAGE=... NUBO_FLAVOR=... NUBO_HUGE_FLAVOR=...
//   NUBO_EXTERNAL_NETWORK=... [NUBO_SERVERS=1000] node e2e/portal-networks-admin.e2e.mjs
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  assertClean, assertFitsPhone, assertNamed, call, env, launchBrowser, log, login, nav, note, run, shot, throttle, token,
  unthrottle, URL_, watchedPage,
} from './lib.mjs';

const ADMIN_PASSWORD = env('NUBO_ADMIN_PASSWORD');
const USER = env('NUBO_USER');
const PASSWORD = env('NUBO_PASSWORD');
const PROJECT = env('NUBO_PROJECT');
const OTHER = env('NUBO_OTHER_USER');
const OTHER_PASSWORD = env('NUBO_OTHER_PASSWORD');
const OTHER_PROJECT = env('NUBO_OTHER_PROJECT');
const IMAGE = env('NUBO_IMAGE');
const FLAVOR = env('NUBO_FLAVOR');
const HUGE = env('NUBO_HUGE_FLAVOR');
const EXTERNAL = env('NUBO_EXTERNAL_NETWORK');
const SERVERS = Number(env('NUBO_SERVERS', '1000'));
const NET = 'portal-net';
const CIDR = '10.77.0.0/24';
const GROUP = 'portal-web';
const ROUTER = 'portal-router';
const PAGE_SIZE = 50; // the instance list's page (Instances.tsx)

const browser = await launchBrowser();
const newPage = async (viewport = { width: 1280, height: 800 }) => watchedPage(await browser.newContext({ viewport }));

async function chooseFlavor(dialog, name) {
  const option = dialog.getByLabel('Flavor').locator('option', { hasText: `${name} (` });
  await option.waitFor({ state: 'attached' });
  await dialog.getByLabel('Flavor').selectOption({ label: await option.innerText() });
}

await run('portal networks/admin e2e', browser, async () => {
  // ---- an admin ------------------------------------------------------------------------------------------------
  log('an admin sees the admin pages: projects, users, role assignments, hypervisors, services');
  const admin = await newPage();
  await admin.goto(URL_ + '/dashboard/');
  await login(admin, 'admin', ADMIN_PASSWORD);
  await admin.getByRole('heading', { name: /^Overview of / }).waitFor();
  await nav(admin, 'Admin');
  await admin.getByRole('heading', { name: 'Administration' }).waitFor();
  const projects = admin.getByRole('table', { name: 'Projects' });
  await projects.getByRole('cell', { name: PROJECT, exact: true }).waitFor();
  await admin.getByRole('table', { name: 'Users' }).getByRole('cell', { name: USER, exact: true }).waitFor();
  await admin.getByRole('table', { name: 'Role assignments' }).getByRole('row')
    .filter({ hasText: `user ${USER}` }).filter({ hasText: `project ${PROJECT}` }).first().waitFor();
  await admin.getByRole('table', { name: 'Hypervisors' }).getByText('up', { exact: true }).first().waitFor();
  await admin.getByRole('table', { name: 'Compute services' }).getByRole('cell', { name: 'nova-compute' }).first().waitFor();
  await admin.getByRole('table', { name: 'Catalog' }).getByRole('cell', { name: 'compute', exact: true }).waitFor();
  await shot(admin, 'admin');
  await assertNamed(admin, ['Admin']);
  assertClean(admin);

  // ---- a member over quota -------------------------------------------------------------------------------------
  log('a member sees no admin page, not even by its address');
  const bob = await newPage();
  await bob.goto(URL_ + '/dashboard/');
  await login(bob, OTHER, OTHER_PASSWORD);
  await bob.getByRole('heading', { name: `Overview of ${OTHER_PROJECT}` }).waitFor();
  assert.equal(await bob.getByRole('link', { name: 'Admin', exact: true }).count(), 0, 'no Admin link for a member');
  await bob.goto(URL_ + '/dashboard/#/admin');
  await bob.getByRole('heading', { name: `Overview of ${OTHER_PROJECT}` }).waitFor();
  assert.equal(await bob.getByRole('heading', { name: 'Administration' }).count(), 0);

  log('a launch over the instances quota shows the compute API\'s own message');
  const bobToken = await token(OTHER, OTHER_PASSWORD, OTHER_PROJECT);
  const flavors = (await call(bobToken, 'GET', '/compute/v2.1/flavors', undefined, 200)).body.flavors;
  const images = (await call(bobToken, 'GET', `/image/v2/images?name=${IMAGE}`, undefined, 200)).body.images;
  const direct = await call(bobToken, 'POST', '/compute/v2.1/servers', { server: {
    name: 'over-quota', imageRef: images[0].id, flavorRef: flavors.find((f) => f.name === FLAVOR).id,
  } });
  assert.equal(direct.status, 403, 'the API refuses the launch over quota');
  const quotaMessage = direct.body.forbidden.message;
  assert.match(quotaMessage, /Quota exceeded for instances/);
  await nav(bob, 'Instances');
  await bob.getByRole('button', { name: 'Launch instance' }).click();
  const bobLaunch = bob.getByRole('dialog', { name: 'Launch instance' });
  await bobLaunch.getByLabel('Name').fill('over-quota');
  await bobLaunch.getByRole('option', { name: IMAGE }).waitFor({ state: 'attached' });
  await bobLaunch.getByRole('combobox', { name: /^Image/ }).selectOption({ label: IMAGE });
  await chooseFlavor(bobLaunch, FLAVOR);
  await bobLaunch.getByRole('button', { name: 'Launch' }).click();
  const refused = bobLaunch.getByRole('alert').filter({ hasText: 'The launch failed' });
  await refused.waitFor();
  assert.ok((await refused.innerText()).includes(quotaMessage), `the portal shows "${quotaMessage}": ${await refused.innerText()}`);
  await shot(bob, 'launch-over-quota');
  await bobLaunch.getByRole('button', { name: 'Cancel' }).click();
  await bobLaunch.waitFor({ state: 'detached' });
  assertClean(bob);

  // ---- a member's networks -------------------------------------------------------------------------------------
  const alice = await newPage();
  const aliceToken = await token(USER, PASSWORD, PROJECT);
  const api = (method, path, body, expect) => call(aliceToken, method, '/network/v2.0' + path, body, expect);
  await alice.goto(URL_ + '/dashboard/');
  await login(alice, USER, PASSWORD);
  await alice.getByRole('heading', { name: `Overview of ${PROJECT}` }).waitFor();

  log('networks: create a network with a subnet; the API has both');
  await nav(alice, 'Networks');
  await alice.getByLabel('Network name').fill(NET);
  await alice.getByLabel('Subnet CIDR').fill(CIDR);
  await alice.getByRole('button', { name: 'Create network' }).click();
  await alice.getByTestId('network-' + NET).getByText(CIDR).waitFor();
  const [net] = (await api('GET', `/networks?name=${NET}`, undefined, 200)).body.networks;
  assert.ok(net, 'the network is there through the API');
  const [subnet] = (await api('GET', `/subnets?network_id=${net.id}`, undefined, 200)).body.subnets;
  assert.equal(subnet.cidr, CIDR);
  assert.equal(subnet.gateway_ip, '10.77.0.1');
  log('networks: a bad CIDR shows the network API\'s message and leaves no network behind');
  await alice.getByLabel('Network name').fill('portal-bad');
  await alice.getByLabel('Subnet CIDR').fill('10.77.0.0/33');
  await alice.getByRole('button', { name: 'Create network' }).click();
  const bad = alice.getByRole('alert').filter({ hasText: 'The action failed' });
  await bad.waitFor();
  assert.ok((await bad.innerText()).length > 'The action failed'.length + 5, await bad.innerText());
  assert.deepEqual((await api('GET', '/networks?name=portal-bad', undefined, 200)).body.networks, []);

  log('security groups: create a group, add two rules, delete one; the API agrees');
  await nav(alice, 'Security groups');
  await alice.getByLabel('Group name').fill(GROUP);
  await alice.getByLabel('Description').fill('web servers');
  await alice.getByRole('button', { name: 'Create security group' }).click();
  const card = alice.getByRole('region', { name: `Security group ${GROUP}` });
  await card.waitFor();
  await card.getByLabel(`Port from (${GROUP})`).fill('8080');
  await card.getByLabel(`Remote CIDR (${GROUP})`).fill('192.0.2.0/24');
  await card.getByRole('button', { name: `Add rule to ${GROUP}` }).click();
  await card.getByRole('cell', { name: '192.0.2.0/24' }).waitFor();
  await card.getByLabel(`Protocol (${GROUP})`).selectOption('icmp');
  await card.getByRole('button', { name: `Add rule to ${GROUP}` }).click();
  await card.getByRole('cell', { name: 'icmp', exact: true }).waitFor();
  const [group] = (await api('GET', `/security-groups?name=${GROUP}`, undefined, 200)).body.security_groups;
  const rules = (await api('GET', `/security-group-rules?security_group_id=${group.id}&direction=ingress`, undefined, 200)).body.security_group_rules;
  const web = rules.find((r) => r.protocol === 'tcp');
  assert.ok(web, `a tcp rule through the API: ${JSON.stringify(rules)}`);
  assert.equal(web.port_range_min, 8080);
  assert.equal(web.port_range_max, 8080);
  assert.equal(web.remote_ip_prefix, '192.0.2.0/24');
  assert.equal(web.ethertype, 'IPv4');
  assert.ok(rules.some((r) => r.protocol === 'icmp'), 'the icmp rule through the API');
  log('security groups: a bad port range shows the API\'s message');
  await card.getByLabel(`Protocol (${GROUP})`).selectOption('tcp');
  await card.getByLabel(`Port from (${GROUP})`).fill('90');
  await card.getByLabel(`Port to (${GROUP})`).fill('80');
  await card.getByRole('button', { name: `Add rule to ${GROUP}` }).click();
  const ruleError = card.getByRole('alert').filter({ hasText: 'The rule was not added' });
  await ruleError.waitFor();
  assert.ok((await ruleError.innerText()).length > 'The rule was not added'.length + 5, await ruleError.innerText());
  await card.getByRole('button', { name: `Delete rule ingress icmp any of ${GROUP}` }).click();
  await card.getByRole('cell', { name: 'icmp', exact: true }).waitFor({ state: 'detached' });
  const after = (await api('GET', `/security-group-rules?security_group_id=${group.id}`, undefined, 200)).body.security_group_rules;
  assert.ok(!after.some((r) => r.protocol === 'icmp'), 'the icmp rule is gone through the API');
  await shot(alice, 'security-groups');

  log('routers: create one with the external gateway, add an interface on the subnet');
  await nav(alice, 'Routers');
  await alice.getByLabel('Router name').fill(ROUTER);
  await alice.getByLabel('External gateway').selectOption({ label: EXTERNAL });
  await alice.getByRole('button', { name: 'Create router' }).click();
  const routerRow = alice.getByTestId('router-' + ROUTER);
  await routerRow.getByText(EXTERNAL).waitFor();
  await alice.getByRole('button', { name: `Interfaces of ${ROUTER}` }).click();
  const ifs = alice.getByRole('dialog', { name: `Interfaces of ${ROUTER}` });
  await ifs.getByRole('option', { name: new RegExp(CIDR.replace(/[./]/g, '\\$&')) }).waitFor({ state: 'attached' });
  await ifs.getByLabel('Subnet').selectOption({ label: `${NET}-subnet ${CIDR}` });
  await ifs.getByRole('button', { name: 'Add interface' }).click();
  await ifs.getByText(`10.77.0.1 on ${NET}-subnet ${CIDR}`).waitFor();
  await ifs.getByRole('button', { name: 'Close', exact: true }).click();
  await routerRow.getByText(`10.77.0.1 on ${NET}-subnet`).waitFor({ timeout: 10_000 });
  const [router] = (await api('GET', `/routers?name=${ROUTER}`, undefined, 200)).body.routers;
  assert.ok(router.external_gateway_info?.network_id, 'the router has its gateway through the API');
  const rports = (await api('GET', `/ports?device_id=${router.id}&device_owner=network:router_interface`, undefined, 200)).body.ports;
  assert.equal(rports.length, 1);
  assert.equal(rports[0].fixed_ips[0].ip_address, '10.77.0.1');
  await shot(alice, 'routers');

  log('floating IPs: allocate, associate with a port, disassociate, release');
  const vip = (await api('POST', '/ports', { port: { network_id: net.id, name: 'portal-vip' } }, 201)).body.port;
  await nav(alice, 'Floating IPs');
  await alice.getByRole('button', { name: 'Allocate floating IP' }).click();
  const fipCell = alice.getByRole('table', { name: 'Floating IPs' }).getByRole('cell', { name: /^198\.51\.100\.\d+$/ });
  await fipCell.waitFor();
  const address = await fipCell.innerText();
  await alice.getByRole('button', { name: `Associate ${address}` }).click();
  const assoc = alice.getByRole('dialog', { name: `Associate ${address}` });
  const vipLabel = `port portal-vip ${vip.fixed_ips[0].ip_address}`;
  await assoc.getByRole('option', { name: vipLabel }).waitFor({ state: 'attached' });
  await assoc.getByLabel('Port').selectOption({ label: vipLabel });
  await assoc.getByRole('button', { name: 'Associate' }).click();
  await alice.getByRole('button', { name: `Disassociate ${address}` }).waitFor();
  // the page shows the new state when its request is answered; the API is asked until it agrees (a refresh of
  // the list that started before the click may answer in between)
  const fipNow = async (want) => {
    let f;
    for (let i = 0; i < 40; i++) {
      [f] = (await api('GET', `/floatingips?floating_ip_address=${address}`, undefined, 200)).body.floatingips;
      if (f.port_id === want) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    return f;
  };
  let fip = await fipNow(vip.id);
  assert.equal(fip.port_id, vip.id, 'associated through the API');
  assert.equal(fip.fixed_ip_address, vip.fixed_ips[0].ip_address);
  await shot(alice, 'floating-ips');
  await alice.getByRole('button', { name: `Disassociate ${address}` }).click();
  await alice.getByRole('button', { name: `Associate ${address}` }).waitFor();
  fip = await fipNow(null);
  assert.equal(fip.port_id, null, 'disassociated through the API');
  await alice.getByRole('button', { name: `Release ${address}` }).click();
  await fipCell.waitFor({ state: 'detached' });
  assert.equal((await api('GET', `/floatingips/${fip.id}`)).status, 404, 'released through the API');
  await api('DELETE', `/ports/${vip.id}`, undefined, 204);

  log('networks: the topology shows the network with its router and the external network with the gateway');
  await nav(alice, 'Networks');
  const topo = alice.getByRole('region', { name: 'Topology' });
  await topo.getByRole('listitem', { name: `Network ${NET}` }).getByText(`${ROUTER} (10.77.0.1)`).waitFor();
  await topo.getByRole('listitem', { name: `Network ${EXTERNAL}` }).getByText(`${ROUTER} (gateway)`).waitFor();
  await shot(alice, 'networks');

  log('phone width: the networks page fits');
  await alice.setViewportSize({ width: 390, height: 844 });
  await alice.waitForTimeout(300);
  await assertFitsPhone(alice);
  await alice.setViewportSize({ width: 1280, height: 800 });

  log('the launch wizard: volume source, network, security group, user data, config drive, count');
  await nav(alice, 'Instances');
  await alice.getByRole('button', { name: 'Launch instance' }).click();
  const wizard = alice.getByRole('dialog', { name: 'Launch instance' });
  await wizard.getByLabel('Name').fill('wizard');
  await wizard.getByLabel('Image on a new volume').check();
  await wizard.getByRole('option', { name: IMAGE }).waitFor({ state: 'attached' });
  await wizard.getByRole('combobox', { name: /^Image/ }).selectOption({ label: IMAGE });
  await wizard.getByLabel('Volume size (GiB)').fill('2');
  await chooseFlavor(wizard, HUGE);
  await wizard.getByLabel(NET, { exact: true }).check();
  await wizard.getByLabel(`Security group ${GROUP}`).check();
  await wizard.getByLabel('User data').fill('#!/bin/sh\necho portal-wizard\n');
  await wizard.getByLabel('Config drive').check();
  await wizard.getByLabel('Count').fill('2');
  await shot(alice, 'launch-wizard');
  const [sent] = await Promise.all([
    alice.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/compute/v2.1/servers')),
    wizard.getByRole('button', { name: 'Launch' }).click(),
  ]);
  await wizard.waitFor({ state: 'detached' });
  const req = sent.postDataJSON().server;
  assert.deepEqual(req.block_device_mapping_v2, [{ boot_index: 0, uuid: images[0].id, source_type: 'image',
    destination_type: 'volume', volume_size: 2, delete_on_termination: true }]);
  assert.deepEqual(req.networks, [{ uuid: net.id }]);
  assert.deepEqual(req.security_groups, [{ name: GROUP }]);
  assert.equal(Buffer.from(req.user_data, 'base64').toString(), '#!/bin/sh\necho portal-wizard\n');
  assert.equal(req.config_drive, true);
  assert.equal(req.min_count, 2);
  assert.equal(req.max_count, 2);
  const wizardServers = (await call(aliceToken, 'GET', '/compute/v2.1/servers?name=wizard', undefined, 200)).body.servers;
  assert.equal(wizardServers.length, 2, 'two servers made by the one launch');
  for (const s of wizardServers) await call(aliceToken, 'DELETE', `/compute/v2.1/servers/${s.id}`, undefined, 204);

  log('object storage: an upload cancelled mid-way leaves no object, in the list or the API');
  await nav(alice, 'Object storage');
  await alice.getByLabel('Container name').fill('portal-half');
  await alice.getByRole('button', { name: 'Create container' }).click();
  await alice.getByRole('button', { name: 'Open container portal-half' }).click();
  await alice.getByText('This container is empty.').waitFor();
  await alice.locator('input[type=file]').setInputFiles({ name: 'half.bin', mimeType: 'application/octet-stream', buffer: randomBytes(4 * 1024 * 1024) });
  const cdp = await throttle(alice, 256 * 1024);
  await alice.getByRole('button', { name: 'Upload', exact: true }).click();
  const bar = alice.getByRole('progressbar', { name: 'Upload of half.bin' });
  for (let i = 0; ; i++) {
    const v = Number(await bar.getAttribute('aria-valuenow', { timeout: 30_000 }));
    if (v >= 10) break;
    assert.ok(i < 300, 'the upload got to 10 %');
    await alice.waitForTimeout(100);
  }
  const pct = Number(await bar.getAttribute('aria-valuenow'));
  assert.ok(pct < 100, `cancelled mid-way (${pct} %)`);
  await alice.getByRole('button', { name: 'Cancel upload of half.bin' }).click();
  await alice.getByRole('alert').filter({ hasText: 'The upload was cancelled.' }).waitFor();
  await unthrottle(cdp);
  console.log(`  cancelled at ${pct} %`);
  await alice.waitForTimeout(2000); // the object store sees the broken stream end
  await alice.getByRole('button', { name: 'Containers' }).click();
  await alice.getByRole('button', { name: 'Open container portal-half' }).click();
  await alice.getByText('This container is empty.').waitFor();
  const listing = await fetch(URL_ + `/object-store/v1/AUTH_${net.project_id}/portal-half?format=json`, { headers: { 'X-Auth-Token': aliceToken } });
  assert.deepEqual(await listing.json(), [], 'the API lists no object in the container');
  const head = await fetch(URL_ + `/object-store/v1/AUTH_${net.project_id}/portal-half/half.bin`, { method: 'HEAD', headers: { 'X-Auth-Token': aliceToken } });
  assert.equal(head.status, 404, 'no half object through the API');

  log('object storage: a folder, an object in it, the container made public, a temporary URL');
  await alice.getByLabel('Folder name').fill('reports');
  await alice.getByRole('button', { name: 'Create folder' }).click();
  await alice.getByRole('button', { name: 'Open folder reports/' }).click();
  await alice.getByText('This folder is empty.').waitFor();
  const report = randomBytes(64 * 1024);
  await alice.locator('input[type=file]').setInputFiles({ name: 'q4.bin', mimeType: 'application/octet-stream', buffer: report });
  await alice.getByRole('button', { name: 'Upload', exact: true }).click();
  await alice.getByRole('button', { name: 'Download q4.bin' }).waitFor();
  const swift = `/object-store/v1/AUTH_${net.project_id}/portal-half`;
  const inFolder = await (await fetch(URL_ + swift + '?format=json&prefix=reports/', { headers: { 'X-Auth-Token': aliceToken } })).json();
  assert.deepEqual(inFolder.map((o) => o.name).sort(), ['reports/', 'reports/q4.bin'], 'the folder marker and the object under it');
  assert.equal((await fetch(URL_ + swift + '/reports/q4.bin')).status, 401, 'private: no read without a token');
  await alice.getByRole('button', { name: 'Temporary URL of q4.bin' }).click();
  const temp = alice.getByRole('dialog', { name: 'Temporary URL of reports/q4.bin' });
  await temp.getByRole('button', { name: 'Make URL' }).click();
  const tempUrl = await temp.getByLabel('Temporary URL').inputValue();
  const viaTemp = await fetch(tempUrl);
  assert.equal(viaTemp.status, 200, `the temporary URL works without a token: ${tempUrl}`);
  assert.ok(Buffer.from(await viaTemp.arrayBuffer()).equals(report), 'the temporary URL gives the object');
  // the signature's first hex digit changed (to 1 where it is 0: replaced by 0 always, one run in 16 kept it whole)
  const wrongSig = tempUrl.replace(/temp_url_sig=([0-9a-f])/, (_, c) => `temp_url_sig=${c === '0' ? '1' : '0'}`);
  assert.equal((await fetch(wrongSig)).status, 401, 'a wrong signature is refused');
  await shot(alice, 'object-temp-url');
  await temp.getByRole('button', { name: 'Close', exact: true }).click();
  await alice.getByRole('button', { name: 'Containers' }).click();
  await alice.getByRole('button', { name: 'Make portal-half public' }).click();
  await alice.getByLabel('Access of portal-half: public').waitFor();
  const anon = await fetch(URL_ + swift + '/reports/q4.bin');
  assert.equal(anon.status, 200, 'public: anyone reads the object');
  await shot(alice, 'object-storage-containers');
  await alice.getByRole('button', { name: 'Make portal-half private' }).click();
  await alice.getByLabel('Access of portal-half: private').waitFor();
  assert.equal((await fetch(URL_ + swift + '/reports/q4.bin')).status, 401, 'private again');

  log('volumes: from an image, extended, a snapshot, a volume from the snapshot');
  await nav(alice, 'Volumes');
  await alice.getByLabel('Volume name').fill('portal-from-image');
  await alice.getByLabel('Source').selectOption({ label: IMAGE });
  await alice.getByRole('button', { name: 'Create volume' }).click();
  await alice.getByLabel('Status of portal-from-image: available').waitFor({ timeout: 120_000 });
  const vols = (await call(aliceToken, 'GET', `/volume/v3/${net.project_id}/volumes/detail?name=portal-from-image`, undefined, 200)).body.volumes;
  assert.equal(vols[0].volume_image_metadata?.image_id, images[0].id, 'made from the image');
  await alice.getByRole('button', { name: 'Extend portal-from-image' }).click();
  const extend = alice.getByRole('dialog', { name: 'Extend portal-from-image' });
  await extend.getByLabel('New size (GiB)').fill('3');
  await extend.getByRole('button', { name: 'Extend' }).click();
  await alice.getByRole('row').filter({ hasText: 'portal-from-image' }).getByRole('cell', { name: '3 GiB' }).waitFor({ timeout: 60_000 });
  await alice.getByLabel('Status of portal-from-image: available').waitFor({ timeout: 60_000 });
  await alice.getByRole('button', { name: 'Snapshot portal-from-image' }).click();
  await alice.getByLabel('Status of snapshot portal-from-image-snapshot: available').waitFor({ timeout: 120_000 });
  await alice.getByLabel('Volume name').fill('portal-from-snapshot');
  await alice.getByLabel('Size (GiB)').fill('3');
  await alice.getByLabel('Source').selectOption({ label: 'portal-from-image-snapshot (3 GiB)' });
  await alice.getByRole('button', { name: 'Create volume' }).click();
  await alice.getByLabel('Status of portal-from-snapshot: available').waitFor({ timeout: 120_000 });
  const fromSnap = (await call(aliceToken, 'GET', `/volume/v3/${net.project_id}/volumes/detail?name=portal-from-snapshot`, undefined, 200)).body.volumes[0];
  assert.ok(fromSnap.snapshot_id, 'made from the snapshot');
  await shot(alice, 'volumes-snapshots');
  await alice.getByRole('button', { name: 'Delete portal-from-snapshot' }).click();
  await alice.getByLabel(/^Status of portal-from-snapshot/).waitFor({ state: 'detached', timeout: 120_000 });
  await alice.getByRole('button', { name: 'Delete snapshot portal-from-image-snapshot' }).click();
  await alice.getByLabel(/^Status of snapshot portal-from-image-snapshot/).waitFor({ state: 'detached', timeout: 120_000 });
  await alice.getByRole('button', { name: 'Delete portal-from-image' }).click();
  await alice.getByText('No volumes in this project.').waitFor({ timeout: 120_000 });

  log('images: edit properties, share with the other project (which accepts it), delete');
  const own = (await call(aliceToken, 'POST', '/image/v2/images', { name: 'portal-own', disk_format: 'raw', container_format: 'bare' }, 201)).body;
  await nav(alice, 'Images');
  await alice.getByRole('button', { name: 'Edit image portal-own' }).click();
  const edit = alice.getByRole('dialog', { name: 'Edit image portal-own' });
  await edit.getByLabel('Minimum RAM (MiB)').fill('64');
  await edit.getByLabel('Properties').fill('os_distro=debian\nhw_disk_bus=virtio');
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.waitFor({ state: 'detached' });
  const edited = (await call(aliceToken, 'GET', `/image/v2/images/${own.id}`, undefined, 200)).body;
  assert.equal(edited.min_ram, 64);
  assert.equal(edited.os_distro, 'debian');
  assert.equal(edited.hw_disk_bus, 'virtio');
  const bobProject = (await (await fetch(URL_ + '/identity/v3/auth/tokens', { headers: { 'X-Auth-Token': bobToken, 'X-Subject-Token': bobToken } })).json()).token.project.id;
  await alice.getByRole('button', { name: 'Share image portal-own' }).click();
  const share = alice.getByRole('dialog', { name: 'Share image portal-own' });
  await share.getByLabel('Project ID').fill(bobProject);
  await share.getByRole('button', { name: 'Share', exact: true }).click();
  await share.getByRole('cell', { name: bobProject, exact: true }).waitFor();
  await shot(alice, 'image-share');
  await share.getByRole('button', { name: 'Close', exact: true }).click();
  const members = (await call(aliceToken, 'GET', `/image/v2/images/${own.id}/members`, undefined, 200)).body.members;
  assert.deepEqual(members.map((m) => [m.member_id, m.status]), [[bobProject, 'pending']]);
  await nav(bob, 'Images');
  await bob.getByRole('button', { name: 'Accept image portal-own' }).click();
  await bob.getByRole('table', { name: 'Images', exact: true }).getByRole('cell', { name: 'portal-own', exact: true }).waitFor();
  const accepted = (await call(aliceToken, 'GET', `/image/v2/images/${own.id}/members`, undefined, 200)).body.members;
  assert.equal(accepted[0].status, 'accepted');
  await alice.getByRole('button', { name: 'Delete image portal-own' }).click();
  await alice.getByRole('table', { name: 'Images', exact: true }).getByRole('cell', { name: 'portal-own', exact: true })
    .waitFor({ state: 'detached' });
  assert.equal((await call(aliceToken, 'GET', `/image/v2/images/${own.id}`)).status, 404);

  log(`instances: ${SERVERS} servers (they fail scheduling: the flavor fits no host) listed page by page`);
  const hugeId = flavors.find((f) => f.name === HUGE).id;
  const made = await call(aliceToken, 'POST', '/compute/v2.1/servers', { server: {
    name: 'many', imageRef: images[0].id, flavorRef: hugeId, min_count: SERVERS, max_count: SERVERS,
  } }, 202);
  assert.ok(made.body.server.id);
  note(`the ${SERVERS} servers were created`);
  for (let i = 0; ; i++) {
    const l = (await call(aliceToken, 'GET', '/compute/v2.1/servers/detail?limit=1000&status=BUILD', undefined, 200)).body;
    if (l.servers.length === 0) break;
    assert.ok(i < 300, `${l.servers.length} still building after 10 min`);
    await alice.waitForTimeout(2000);
  }
  note('none is building');
  const reads = [];
  alice.on('request', (r) => {
    if (r.url().includes('/compute/v2.1/servers/detail')) reads.push(new URL(r.url()).searchParams);
  });
  const t0 = Date.now();
  await nav(alice, 'Instances');
  const shown = alice.getByTestId('shown-count');
  await shown.getByText('50 instances shown, more follow').waitFor();
  await shot(alice, 'instances-many');
  await alice.waitForTimeout(1500);
  assert.equal(await shown.innerText(), '50 instances shown, more follow', 'the next page is read only when scrolled near');
  // scroll to the end of the list again and again: each time the next page comes
  const frames = [];
  // (it fails when the count has not moved for 60 s: the list stopped)
  for (let last = '', since = Date.now(); ;) {
    const now = await shown.innerText();
    if (now.startsWith(`${SERVERS} instances shown`)) break;
    if (now !== last) [last, since] = [now, Date.now()];
    assert.ok(Date.now() - since < 60_000, `the list stopped at "${now}"`);
    frames.push(...await alice.evaluate(() => new Promise((resolve) => {
      // scroll by a screen per frame for 20 frames, timing each frame
      const t = [];
      let last = performance.now();
      const step = (n) => {
        window.scrollBy(0, window.innerHeight);
        const now = performance.now();
        t.push(now - last);
        last = now;
        if (n > 0) requestAnimationFrame(() => step(n - 1));
        else resolve(t);
      };
      requestAnimationFrame(() => step(20));
    })));
  }
  const all = Date.now() - t0;
  note(`all ${SERVERS} listed`);
  assert.equal(await shown.innerText(), `${SERVERS} instances shown`);
  // the list is windowed: only the rows in view (and a few either side) are in the DOM; every row is reached by
  // scrolling, its name collected with its place in the list (aria-rowindex, the header being row 1)
  const table = alice.getByRole('table', { name: 'Instances' });
  assert.equal(await table.getAttribute('aria-rowcount'), String(SERVERS + 1), 'the table tells how many rows it has');
  const seen = await alice.evaluate(() => new Promise((resolve) => {
    const byIndex = {};
    let drawn = 0;
    window.scrollTo(0, 0);
    const step = () => {
      const trs = document.querySelectorAll('table[aria-label="Instances"] tbody tr[aria-rowindex]');
      drawn = Math.max(drawn, trs.length);
      for (const tr of trs) (byIndex[tr.getAttribute('aria-rowindex')] ??= new Set()).add(tr.getAttribute('data-testid'));
      if (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2) {
        resolve({ drawn, rows: Object.entries(byIndex).map(([i, names]) => [Number(i), [...names]]) });
        return;
      }
      window.scrollBy(0, Math.floor(window.innerHeight / 2));
      requestAnimationFrame(() => requestAnimationFrame(step));
    };
    requestAnimationFrame(step);
  }));
  note('every row reached by scrolling');
  assert.equal(seen.rows.length, SERVERS, 'every server a row, reached by scrolling');
  assert.deepEqual(seen.rows.map(([i]) => i).sort((a, b) => a - b), Array.from({ length: SERVERS }, (_, i) => i + 2),
    'the rows are numbered 2..N+1');
  assert.ok(seen.rows.every(([, names]) => names.length === 1), 'each place in the list held one server');
  assert.equal(new Set(seen.rows.map(([, [n]]) => n)).size, SERVERS, 'no server twice (the pages join without overlap or gap)');
  assert.ok(seen.drawn < 80, `only the rows in view are drawn (${seen.drawn} at most)`);
  assert.ok(reads.length > 0 && reads.every((q) => q.get('limit') === '50'), 'every read asks for a page of 50');
  const markers = new Set(reads.map((q) => q.get('marker')).filter(Boolean));
  assert.ok(markers.size >= SERVERS / 50 - 1, `the pages were read with markers (${markers.size})`);
  // then the whole list scrolled from the top to the end at 120 px a frame (~7,000 px a second), each frame timed
  await alice.evaluate(() => window.scrollTo(0, 0));
  const scroll = await alice.evaluate(() => new Promise((resolve) => {
    const t = [];
    let last = performance.now();
    const step = () => {
      const now = performance.now();
      t.push(now - last);
      last = now;
      window.scrollBy(0, 120);
      if (window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 2) requestAnimationFrame(step);
      else resolve(t.slice(1));
    };
    requestAnimationFrame(step);
  }));
  const stat = (a) => {
    const x = [...a].sort((p, q) => p - q);
    return `median ${x[x.length >> 1].toFixed(0)} ms, 95th percentile ${x[Math.floor(x.length * 0.95)].toFixed(0)} ms, `
      + `max ${x[x.length - 1].toFixed(0)} ms`;
  };
  console.log(`  ${SERVERS} servers shown in ${all} ms by scrolling to the end, ${reads.length} page reads; frames while `
    + `pages were added: ${stat(frames)}; scrolling the whole list (${scroll.length} frames): ${stat(scroll)}`);
  await alice.getByText('No valid host was found.').first().waitFor({ state: 'attached' });
  assertClean(alice);

  log('a slow compute API (each server read takes 6 s): the 3 s refreshes do not queue up before a page asked for');
  // every read of the list answered 6 s late, longer than the 3 s refresh tick; after 36 s of that, the next page
  // asked for by scrolling comes after at most the refresh under way and one waiting (a queue that grew by a
  // refresh every tick would hold six more by then, 36 s of reads, before it)
  const SLOW_MS = 6000;
  const slowReads = '**/compute/v2.1/servers/detail*';
  await alice.route(slowReads, async (route) => {
    await new Promise((r) => setTimeout(r, SLOW_MS));
    await route.continue().catch(() => {}); // the page may have gone by then
  });
  await nav(alice, 'Overview');
  await nav(alice, 'Instances');
  await shown.getByText(`${PAGE_SIZE} instances shown, more follow`).waitFor({ timeout: 4 * SLOW_MS });
  await alice.waitForTimeout(6 * SLOW_MS);
  const asked = Date.now();
  await alice.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await shown.getByText(`${2 * PAGE_SIZE} instances shown, more follow`).waitFor({ timeout: 10 * SLOW_MS });
  const waited = Date.now() - asked;
  note(`the next page came ${waited} ms after it was asked for`);
  assert.ok(waited < 4.5 * SLOW_MS, `the next page waited ${waited} ms behind queued refreshes`);
  await alice.unroute(slowReads);
  assertClean(alice);

  log('every control on the new pages has an accessible name');
  await assertNamed(alice, ['Networks', 'Routers', 'Floating IPs', 'Security groups', 'Overview', 'Volumes', 'Images']);

  log('clouds.yaml for the project');
  await nav(alice, 'Overview');
  const [download] = await Promise.all([
    alice.waitForEvent('download'),
    alice.getByRole('button', { name: 'Download clouds.yaml' }).click(),
  ]);
  const { readFileSync } = await import('node:fs');
  const yaml = readFileSync(await download.path(), 'utf8');
  assert.match(yaml, new RegExp(`auth_url: "${URL_}/identity/v3"`));
  assert.match(yaml, new RegExp(`username: "${USER}"`));
  assert.match(yaml, new RegExp(`project_id: "${net.project_id}"`));
  assert.doesNotMatch(yaml, /password: (?!your)/, 'no password written');

  log('clean up through the portal: the router, the network, the security group');
  await nav(alice, 'Routers');
  await alice.getByRole('button', { name: `Interfaces of ${ROUTER}` }).click();
  await ifs.getByRole('button', { name: `Remove interface on ${NET}-subnet ${CIDR}` }).click();
  await ifs.getByText('No interfaces.').waitFor();
  await ifs.getByRole('button', { name: 'Close', exact: true }).click();
  await alice.getByRole('button', { name: `Delete router ${ROUTER}` }).click();
  await routerRow.waitFor({ state: 'detached' });
  await nav(alice, 'Networks');
  await alice.getByRole('button', { name: `Delete network ${NET}` }).click();
  await alice.getByTestId('network-' + NET).waitFor({ state: 'detached' });
  await nav(alice, 'Security groups');
  await alice.getByRole('button', { name: `Delete security group ${GROUP}` }).click();
  await card.waitFor({ state: 'detached' });
  assert.deepEqual((await api('GET', `/routers?name=${ROUTER}`, undefined, 200)).body.routers, []);
  assert.deepEqual((await api('GET', `/networks?name=${NET}`, undefined, 200)).body.networks, []);
  assert.deepEqual((await api('GET', `/security-groups?name=${GROUP}`, undefined, 200)).body.security_groups, []);
  assertClean(alice);

  log(`deleting the ${SERVERS} servers through the API`);
  const ids = (await call(aliceToken, 'GET', '/compute/v2.1/servers?limit=1000', undefined, 200)).body.servers.map((s) => s.id);
  for (let i = 0; i < ids.length; i += 20) {
    await Promise.all(ids.slice(i, i + 20).map((id) => call(aliceToken, 'DELETE', `/compute/v2.1/servers/${id}`)));
  }
});
