import { FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert, Badge, Button, Checkbox, Fieldset, Group, Loader, Menu, Modal, NativeSelect, NumberInput, Radio, Stack,
  Table, Text, Textarea, TextInput, Title,
} from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, useAction, useLoad, WindowedTable } from '../common';

interface Server {
  id: string;
  name: string;
  status: string;
  'OS-EXT-STS:task_state'?: string | null;
  flavor: { id?: string; original_name?: string };
  image: { id?: string } | string;
  addresses: Record<string, { addr: string }[]>;
  fault?: { message: string; code?: number };
  key_name?: string | null;
}
interface Flavor { id: string; name: string; vcpus: number; ram: number; disk: number }
interface Image { id: string; name: string; status: string; min_disk?: number; size?: number | null }
interface Network { id: string; name: string; 'router:external'?: boolean }
interface KeyPair { keypair: { name: string } }
interface SecurityGroup { id: string; name: string }
interface Volume { id: string; name: string | null; size: number; status: string; bootable: string }
interface Page { servers: Server[]; servers_links?: { rel: string; href: string }[] }

const COLORS: Record<string, string> = {
  ACTIVE: 'green', BUILD: 'blue', SHUTOFF: 'gray', ERROR: 'red', REBOOT: 'blue', PAUSED: 'gray', SUSPENDED: 'gray',
};

export const flavorLabel = (f: Flavor) =>
  `${f.name} (${f.vcpus} vCPU, ${api.sizeLabel(f.ram * 1024 * 1024)} RAM, ${f.disk} GiB disk)`;

function addresses(s: Server) {
  return Object.values(s.addresses ?? {}).flat().map((a) => a.addr).join(', ');
}

/** Servers per API request: the list is read page by page (limit/marker) as the user scrolls down. */
export const PAGE_SIZE = 50;

const busyServer = (s: Server) => s.status === 'BUILD' || s.status.startsWith('REBOOT') || !!s['OS-EXT-STS:task_state'];

/** The page read again, keeping each server object that did not change (its row is not drawn again). */
function keep(old: Server[] | undefined, fresh: Server[]) {
  const byId = new Map((old ?? []).map((s) => [s.id, s]));
  return fresh.map((s) => {
    const o = byId.get(s.id);
    return o && JSON.stringify(o) === JSON.stringify(s) ? o : s;
  });
}

/** The project's servers, read from the API a page at a time (`limit`, and the last server of the page before as
 * `marker`): the first page at once, each next one when the end of the list comes into view (or "Load more" is
 * pressed). Every 3 s the first page and every page with a server that is busy (building, rebooting, a task
 * running) are read again by their own markers, and every 30 s all of them: statuses move by themselves without
 * reading a thousand servers every few seconds. A page whose marker went away (its server deleted) reads the
 * list again from the start. */
function usePagedServers() {
  const [pages, setPages] = useState<Server[][] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const state = useRef<{ pages: Server[][]; more: boolean }>({ pages: [], more: false });
  const alive = useRef(true);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const ticks = useRef(0);

  const readPage = (marker?: string) =>
    api.api<Page>(api.compute(`/servers/detail?limit=${PAGE_SIZE}` + (marker ? `&marker=${encodeURIComponent(marker)}` : '')));
  const hasNext = (p: Page) => (p.servers_links ?? []).some((l) => l.rel === 'next') && p.servers.length > 0;
  const markerOf = (pages: Server[][], i: number) => (i === 0 ? undefined : pages[i - 1][pages[i - 1].length - 1]?.id);

  const publish = () => {
    if (!alive.current) return;
    setPages([...state.current.pages]);
    setMore(state.current.more);
    setError(null);
  };
  /** one read at a time, in order (a refresh and a next page never interleave) */
  const serial = useCallback((f: () => Promise<void>) => {
    const run = queue.current.then(f).catch((e) => {
      if (alive.current) setError(e);
    });
    queue.current = run;
    return run;
  }, []);

  const fromStart = async (count: number) => {
    const read: Server[][] = [];
    let next = true;
    for (let i = 0; i < count && next; i++) {
      const p = await readPage(markerOf(read, i));
      read.push(keep(state.current.pages[i], p.servers));
      next = hasNext(p);
    }
    state.current = { pages: read, more: next };
  };

  /** A refresh waiting its turn reads after everything queued before it, so a second one would read the same:
   * the 3 s ticks and reloads join the waiting one. Without this a slow API (a read longer than the tick) grows
   * the queue without end, and a next page asked for by scrolling waits behind all of it. */
  const waiting = useRef<Promise<void> | null>(null);
  const refresh = useCallback(() => {
    if (waiting.current) return waiting.current;
    const run = serial(async () => {
      waiting.current = null;
      await refreshNow();
    });
    waiting.current = run;
    return run;
  }, [serial]); // eslint-disable-line react-hooks/exhaustive-deps

  const refreshNow = async () => {
    const cur = state.current.pages;
    if (cur.length === 0) {
      await fromStart(1);
      return publish();
    }
    const all = ticks.current++ % 10 === 0;
    const which = cur.map((_, i) => i).filter((i) => all || i === 0 || cur[i].some(busyServer));
    try {
      const read = await Promise.all(which.map((i) => readPage(markerOf(cur, i))));
      // a page that changed length shifts the ones after it: read those from the start instead
      if (read.some((p, k) => p.servers.length !== cur[which[k]].length && which[k] < cur.length - 1)) {
        await fromStart(cur.length);
      } else {
        const pages = [...cur];
        which.forEach((i, k) => { pages[i] = keep(cur[i], read[k].servers); });
        const last = which.indexOf(cur.length - 1);
        state.current = { pages, more: last >= 0 ? hasNext(read[last]) : state.current.more };
      }
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 400) await fromStart(cur.length); // a marker that went away
      else throw e;
    }
    publish();
  };

  const loadMore = useCallback(async () => {
    setLoadingMore(true);
    await serial(async () => {
      const cur = state.current;
      if (!cur.more) return;
      const p = await readPage(markerOf(cur.pages, cur.pages.length));
      state.current = { pages: [...cur.pages, p.servers], more: hasNext(p) };
      publish();
    });
    if (alive.current) setLoadingMore(false);
  }, [serial]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    alive.current = true;
    refresh();
    const t = setInterval(refresh, 3000);
    return () => {
      alive.current = false;
      clearInterval(t);
    };
  }, [refresh]);
  return { servers: pages ? pages.flat() : null, more, error, loading: pages === null && !error, loadingMore, loadMore, reload: refresh };
}

/** Every row of the instance list is this high (px): the list is windowed (only the rows in view are drawn). */
const ROW_HEIGHT = 60;

export function Instances() {
  const servers = usePagedServers();
  const flavors = useLoad(() => api.api<{ flavors: Flavor[] }>(api.compute('/flavors/detail')));
  const [launching, setLaunching] = useState(false);
  const [console, setConsole] = useState<Server | null>(null);
  const action = useAction();
  const { more, loadingMore, loadMore } = servers;
  const nearEnd = useCallback(() => { if (more && !loadingMore) loadMore(); }, [more, loadingMore, loadMore]);

  const flavorName = (s: Server) => {
    const f = flavors.data?.flavors.find((x) => x.id === s.flavor.id);
    return f ? flavorLabel(f) : s.flavor.original_name ?? s.flavor.id ?? '';
  };
  const act = (s: Server, body: unknown) =>
    action.run(async () => {
      await api.api(api.compute(`/servers/${s.id}/action`), { method: 'POST', body });
      await servers.reload();
    });
  const [snapshotOf, setSnapshotOf] = useState<Server | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = (s: Server) =>
    action.run(async () => {
      await api.api(api.compute(`/servers/${s.id}`), { method: 'DELETE' });
      await servers.reload();
    });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Instances</Title>
        <Button onClick={() => setLaunching(true)}>Launch instance</Button>
      </Group>
      <ErrorAlert error={servers.error} title="Could not list instances" />
      <ErrorAlert error={action.error} title="The action failed" />
      {notice && (
        <Alert color="blue" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <WindowedTable label="Instances" loading={servers.loading} rows={servers.servers} rowDeps={flavors.data}
        empty="No instances in this project." columns={['Name', 'Status', 'Flavor', 'Addresses', 'Actions']}
        widths={['17%', '23%', '20%', '14%', '480px']} rowHeight={ROW_HEIGHT} more={servers.more} onNearEnd={nearEnd}
        rowKey={(s) => s.id} rowTestId={(s) => 'server-' + s.name} cells={(s) => (
          <>
            <Table.Td>{s.name}</Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                {busyServer(s) && (
                  <Loader size="xs" aria-label={`${s.name} is busy`} />
                )}
                <Badge color={COLORS[s.status] ?? 'yellow'} aria-label={`Status of ${s.name}: ${s.status}`}>
                  {s.status}
                </Badge>
              </Group>
              {s['OS-EXT-STS:task_state'] && <Text size="xs" truncate>{s['OS-EXT-STS:task_state']}</Text>}
              {s.status === 'ERROR' && s.fault && (
                <Text size="xs" c="red" role="alert" truncate title={s.fault.message}>
                  {s.fault.message}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{flavorName(s)}</Table.Td>
            <Table.Td>{addresses(s)}</Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Button size="xs" variant="light" aria-label={`Start ${s.name}`}
                  disabled={s.status !== 'SHUTOFF'} onClick={() => act(s, { 'os-start': null })}>Start</Button>
                <Button size="xs" variant="light" aria-label={`Stop ${s.name}`}
                  disabled={s.status !== 'ACTIVE'} onClick={() => act(s, { 'os-stop': null })}>Stop</Button>
                <Button size="xs" variant="light" aria-label={`Reboot ${s.name}`}
                  disabled={s.status !== 'ACTIVE'} onClick={() => act(s, { reboot: { type: 'SOFT' } })}>Reboot</Button>
                <Button size="xs" variant="light" aria-label={`Console log of ${s.name}`}
                  onClick={() => setConsole(s)}>Console</Button>
                <Menu position="bottom-end">
                  <Menu.Target>
                    <Button size="xs" variant="light" aria-label={`More actions for ${s.name}`}>More</Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item disabled={s.status !== 'ACTIVE'} onClick={() => act(s, { pause: null })}>Pause</Menu.Item>
                    <Menu.Item disabled={s.status !== 'PAUSED' && s.status !== 'SUSPENDED'}
                      onClick={() => act(s, s.status === 'PAUSED' ? { unpause: null } : { resume: null })}>
                      Resume
                    </Menu.Item>
                    <Menu.Item disabled={!['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED'].includes(s.status)}
                      onClick={() => setSnapshotOf(s)}>Snapshot</Menu.Item>
                  </Menu.Dropdown>
                </Menu>
                <Button size="xs" color="red" variant="light" aria-label={`Delete ${s.name}`}
                  onClick={() => window.confirm(`Delete instance ${s.name}?`) && remove(s)}>Delete</Button>
              </Group>
            </Table.Td>
          </>
        )} />
      {servers.servers && servers.servers.length > 0 && (
        <Group justify="center" data-testid="list-end">
          <Text size="sm" c="dimmed" data-testid="shown-count">
            {servers.servers.length} instance{servers.servers.length === 1 ? '' : 's'} shown{servers.more ? ', more follow' : ''}
          </Text>
          {servers.more && (
            <Button variant="default" size="xs" loading={servers.loadingMore} onClick={servers.loadMore}>Load more</Button>
          )}
        </Group>
      )}
      {launching && (
        <Launch flavors={flavors.data?.flavors ?? []} onClose={() => setLaunching(false)}
          onLaunched={() => { setLaunching(false); servers.reload(); }} />
      )}
      {console && <ConsoleLog server={console} onClose={() => setConsole(null)} />}
      {snapshotOf && (
        <Snapshot server={snapshotOf} onClose={() => setSnapshotOf(null)}
          onMade={(name) => { setSnapshotOf(null); setNotice(`Snapshot ${name} is being made: it appears on the Images page.`); }} />
      )}
    </Stack>
  );
}

/** base64 of the text's UTF-8 bytes, as Nova wants user_data. */
function base64(text: string) {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

type Source = 'image' | 'image-volume' | 'volume';

function Launch({ flavors, onClose, onLaunched }: { flavors: Flavor[]; onClose: () => void; onLaunched: () => void }) {
  const images = useLoad(() => api.api<{ images: Image[] }>(api.image('/images?status=active')));
  const networks = useLoad(() => api.api<{ networks: Network[] }>(api.network('/networks')));
  const groups = useLoad(() => api.api<{ security_groups: SecurityGroup[] }>(api.network('/security-groups')));
  const volumes = useLoad(() => api.api<{ volumes: Volume[] }>(api.volume('/volumes/detail?status=available')));
  const keypairs = useLoad(() => api.api<{ keypairs: KeyPair[] }>(api.compute('/os-keypairs')));
  const [name, setName] = useState('');
  const [source, setSource] = useState<Source>('image');
  const [imageId, setImage] = useState('');
  const [volumeId, setVolume] = useState('');
  const [volumeSize, setVolumeSize] = useState<string | number>('');
  const [deleteVolume, setDeleteVolume] = useState(true);
  const [flavorId, setFlavor] = useState('');
  const [networkIds, setNetworks] = useState<string[]>([]);
  const [groupNames, setGroups] = useState<string[]>([]);
  const [keyName, setKey] = useState('');
  const [userData, setUserData] = useState('');
  const [configDrive, setConfigDrive] = useState(false);
  const [count, setCount] = useState<string | number>(1);
  const action = useAction();

  const flavor = flavors.find((f) => f.id === flavorId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      const server: Record<string, unknown> = { name, flavorRef: flavorId };
      if (source === 'image') {
        server.imageRef = imageId;
      } else if (source === 'image-volume') {
        server.imageRef = '';
        server.block_device_mapping_v2 = [{
          boot_index: 0, uuid: imageId, source_type: 'image', destination_type: 'volume',
          volume_size: Number(volumeSize || flavor?.disk || 1), delete_on_termination: deleteVolume,
        }];
      } else {
        server.imageRef = '';
        server.block_device_mapping_v2 = [{
          boot_index: 0, uuid: volumeId, source_type: 'volume', destination_type: 'volume', delete_on_termination: false,
        }];
      }
      if (networkIds.length) server.networks = networkIds.map((uuid) => ({ uuid }));
      if (groupNames.length) server.security_groups = groupNames.map((n) => ({ name: n }));
      if (keyName) server.key_name = keyName;
      if (userData) server.user_data = base64(userData);
      if (configDrive) server.config_drive = true;
      const n = Number(count);
      if (n > 1) {
        server.min_count = n;
        server.max_count = n;
      }
      await api.api(api.compute('/servers'), { method: 'POST', body: { server } });
      onLaunched();
    });
  };

  const choose = (label: string) => [{ value: '', label }];
  const ownNetworks = (networks.data?.networks ?? []).filter((n) => !n['router:external']);
  const toggle = (xs: string[], x: string, on: boolean) => (on ? [...xs, x] : xs.filter((y) => y !== x));
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ "aria-label": "Close dialog" }} title="Launch instance" size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={images.error ?? networks.error ?? keypairs.error ?? groups.error ?? volumes.error} />
          <ErrorAlert error={action.error} title="The launch failed" />
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Radio.Group label="Boot source" value={source} onChange={(v) => setSource(v as Source)}>
            <Group mt={4}>
              <Radio value="image" label="Image (local disk)" />
              <Radio value="image-volume" label="Image on a new volume" />
              <Radio value="volume" label="Existing volume" />
            </Group>
          </Radio.Group>
          {source !== 'volume' ? (
            <NativeSelect label="Image" required value={imageId} onChange={(e) => setImage(e.currentTarget.value)}
              data={[...choose('Choose an image'), ...(images.data?.images ?? []).map((i) => ({ value: i.id, label: i.name || i.id }))]} />
          ) : (
            <NativeSelect label="Volume" required value={volumeId} onChange={(e) => setVolume(e.currentTarget.value)}
              data={[...choose('Choose a volume'), ...(volumes.data?.volumes ?? []).filter((v) => v.bootable === 'true')
                .map((v) => ({ value: v.id, label: `${v.name || v.id} (${v.size} GiB)` }))]} />
          )}
          {source === 'image-volume' && (
            <Group align="flex-end">
              <NumberInput label="Volume size (GiB)" min={1} w={160} hideControls value={volumeSize} onChange={setVolumeSize}
                placeholder={String(flavor?.disk ?? 1)} />
              <Checkbox label="Delete the volume with the instance" checked={deleteVolume}
                onChange={(e) => setDeleteVolume(e.currentTarget.checked)} mb={8} />
            </Group>
          )}
          <NativeSelect label="Flavor" required value={flavorId} onChange={(e) => setFlavor(e.currentTarget.value)}
            data={[...choose('Choose a flavor'), ...[...flavors].sort((a, b) => a.ram - b.ram).map((f) => ({ value: f.id, label: flavorLabel(f) }))]} />
          <Fieldset legend="Networks (none chosen: no network)">
            <Stack gap={4}>
              {ownNetworks.length === 0 && <Text size="sm" c="dimmed">No networks.</Text>}
              {ownNetworks.map((n) => (
                <Checkbox key={n.id} label={n.name || n.id} checked={networkIds.includes(n.id)}
                  onChange={(e) => setNetworks(toggle(networkIds, n.id, e.currentTarget.checked))} />
              ))}
            </Stack>
          </Fieldset>
          <Fieldset legend="Security groups (none chosen: the project's default)">
            <Group gap="md">
              {(groups.data?.security_groups ?? []).map((g) => (
                <Checkbox key={g.id} label={g.name} aria-label={`Security group ${g.name}`} checked={groupNames.includes(g.name)}
                  onChange={(e) => setGroups(toggle(groupNames, g.name, e.currentTarget.checked))} />
              ))}
            </Group>
          </Fieldset>
          <NativeSelect label="Key pair" value={keyName} onChange={(e) => setKey(e.currentTarget.value)}
            data={[...choose('No key pair'), ...(keypairs.data?.keypairs ?? []).map((k) => ({ value: k.keypair.name, label: k.keypair.name }))]} />
          <Textarea label="User data" description="cloud-init user data or a script, sent base64-encoded"
            autosize minRows={2} maxRows={8} value={userData} onChange={(e) => setUserData(e.currentTarget.value)} />
          <Group align="flex-end">
            <NumberInput label="Count" min={1} max={100} w={100} value={count} onChange={setCount} />
            <Checkbox label="Config drive" checked={configDrive} onChange={(e) => setConfigDrive(e.currentTarget.checked)} mb={8} />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={action.busy}>Launch</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A snapshot of the instance (Nova's createImage): an image of its disk, listed on the Images page. */
function Snapshot({ server, onClose, onMade }: { server: Server; onClose: () => void; onMade: (name: string) => void }) {
  const [name, setName] = useState(`${server.name}-snapshot`);
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await api.api(api.compute(`/servers/${server.id}/action`), { method: 'POST', body: { createImage: { name } } });
      onMade(name);
    });
  };
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ "aria-label": "Close dialog" }} title={`Snapshot of ${server.name}`}>
      <form onSubmit={submit} aria-label={`Snapshot of ${server.name}`}>
        <Stack>
          <ErrorAlert error={action.error} title="Could not make the snapshot" />
          <TextInput label="Snapshot name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={action.busy}>Create snapshot</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ConsoleLog({ server, onClose }: { server: Server; onClose: () => void }) {
  const log = useLoad(() =>
    api.api<{ output: string }>(api.compute(`/servers/${server.id}/action`), {
      method: 'POST',
      body: { 'os-getConsoleOutput': { length: 200 } },
    }),
  );
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ "aria-label": "Close dialog" }} title={`Console log of ${server.name}`} size="xl">
      <Stack>
        <ErrorAlert error={log.error} title="Could not read the console log" />
        <pre className="console" aria-label="Console output" tabIndex={0}>{log.data?.output ?? ''}</pre>
        <Group justify="flex-end">
          <Button variant="default" onClick={log.reload}>Refresh</Button>
          <Button onClick={onClose}>Close</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
