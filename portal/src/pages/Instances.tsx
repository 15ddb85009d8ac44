import { FormEvent, useState } from 'react';
import {
  Badge, Button, Group, Loader, Modal, NativeSelect, Stack, Table, Text, TextInput, Title,
} from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, useAction, useLoad } from '../common';

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
interface Image { id: string; name: string; status: string }
interface Network { id: string; name: string }
interface KeyPair { keypair: { name: string } }

const COLORS: Record<string, string> = { ACTIVE: 'green', BUILD: 'blue', SHUTOFF: 'gray', ERROR: 'red', REBOOT: 'blue' };

export const flavorLabel = (f: Flavor) =>
  `${f.name} (${f.vcpus} vCPU, ${api.sizeLabel(f.ram * 1024 * 1024)} RAM, ${f.disk} GiB disk)`;

function addresses(s: Server) {
  return Object.values(s.addresses ?? {}).flat().map((a) => a.addr).join(', ');
}

export function Instances() {
  // the list refreshes itself every 3 s: a build's progress, a stop or a delete show without a click
  const servers = useLoad(() => api.api<{ servers: Server[] }>(api.compute('/servers/detail')), 3000);
  const flavors = useLoad(() => api.api<{ flavors: Flavor[] }>(api.compute('/flavors/detail')));
  const [launching, setLaunching] = useState(false);
  const [console, setConsole] = useState<Server | null>(null);
  const action = useAction();

  const flavorName = (s: Server) => {
    const f = flavors.data?.flavors.find((x) => x.id === s.flavor.id);
    return f ? flavorLabel(f) : s.flavor.original_name ?? s.flavor.id ?? '';
  };
  const act = (s: Server, body: unknown) =>
    action.run(async () => {
      await api.api(api.compute(`/servers/${s.id}/action`), { method: 'POST', body });
      await servers.reload();
    });
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
      <ResourceTable label="Instances" loading={servers.loading} rows={servers.data?.servers ?? null}
        empty="No instances in this project." columns={['Name', 'Status', 'Flavor', 'Addresses', 'Actions']}
        rowKey={(s) => s.id} rowTestId={(s) => 'server-' + s.name} cells={(s) => (
          <>
            <Table.Td>{s.name}</Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                {(s.status === 'BUILD' || s.status.startsWith('REBOOT') || s['OS-EXT-STS:task_state']) && (
                  <Loader size="xs" aria-label={`${s.name} is busy`} />
                )}
                <Badge color={COLORS[s.status] ?? 'yellow'} aria-label={`Status of ${s.name}: ${s.status}`}>
                  {s.status}
                </Badge>
              </Group>
              {s['OS-EXT-STS:task_state'] && <Text size="xs">{s['OS-EXT-STS:task_state']}</Text>}
              {s.status === 'ERROR' && s.fault && (
                <Text size="sm" c="red" role="alert">
                  {s.fault.message}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{flavorName(s)}</Table.Td>
            <Table.Td>{addresses(s)}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Button size="xs" variant="light" aria-label={`Start ${s.name}`}
                  disabled={s.status !== 'SHUTOFF'} onClick={() => act(s, { 'os-start': null })}>Start</Button>
                <Button size="xs" variant="light" aria-label={`Stop ${s.name}`}
                  disabled={s.status !== 'ACTIVE'} onClick={() => act(s, { 'os-stop': null })}>Stop</Button>
                <Button size="xs" variant="light" aria-label={`Reboot ${s.name}`}
                  disabled={s.status !== 'ACTIVE'} onClick={() => act(s, { reboot: { type: 'SOFT' } })}>Reboot</Button>
                <Button size="xs" variant="light" aria-label={`Console log of ${s.name}`}
                  onClick={() => setConsole(s)}>Console</Button>
                <Button size="xs" color="red" variant="light" aria-label={`Delete ${s.name}`}
                  onClick={() => window.confirm(`Delete instance ${s.name}?`) && remove(s)}>Delete</Button>
              </Group>
            </Table.Td>
          </>
        )} />
      {launching && (
        <Launch flavors={flavors.data?.flavors ?? []} onClose={() => setLaunching(false)}
          onLaunched={() => { setLaunching(false); servers.reload(); }} />
      )}
      {console && <ConsoleLog server={console} onClose={() => setConsole(null)} />}
    </Stack>
  );
}

function Launch({ flavors, onClose, onLaunched }: { flavors: Flavor[]; onClose: () => void; onLaunched: () => void }) {
  const images = useLoad(() => api.api<{ images: Image[] }>(api.image('/images?status=active')));
  const networks = useLoad(() => api.api<{ networks: Network[] }>(api.network('/networks')));
  const keypairs = useLoad(() => api.api<{ keypairs: KeyPair[] }>(api.compute('/os-keypairs')));
  const [name, setName] = useState('');
  const [imageId, setImage] = useState('');
  const [flavorId, setFlavor] = useState('');
  const [networkId, setNetwork] = useState('');
  const [keyName, setKey] = useState('');
  const action = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      const server: Record<string, unknown> = { name, imageRef: imageId, flavorRef: flavorId };
      if (networkId) server.networks = [{ uuid: networkId }];
      if (keyName) server.key_name = keyName;
      await api.api(api.compute('/servers'), { method: 'POST', body: { server } });
      onLaunched();
    });
  };

  const choose = (label: string) => [{ value: '', label }];
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ "aria-label": "Close dialog" }} title="Launch instance" size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={images.error ?? networks.error ?? keypairs.error} />
          <ErrorAlert error={action.error} title="The launch failed" />
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <NativeSelect label="Image" required value={imageId} onChange={(e) => setImage(e.currentTarget.value)}
            data={[...choose('Choose an image'), ...(images.data?.images ?? []).map((i) => ({ value: i.id, label: i.name || i.id }))]} />
          <NativeSelect label="Flavor" required value={flavorId} onChange={(e) => setFlavor(e.currentTarget.value)}
            data={[...choose('Choose a flavor'), ...[...flavors].sort((a, b) => a.ram - b.ram).map((f) => ({ value: f.id, label: flavorLabel(f) }))]} />
          <NativeSelect label="Network" value={networkId} onChange={(e) => setNetwork(e.currentTarget.value)}
            data={[...choose('No network'), ...(networks.data?.networks ?? []).map((n) => ({ value: n.id, label: n.name || n.id }))]} />
          <NativeSelect label="Key pair" value={keyName} onChange={(e) => setKey(e.currentTarget.value)}
            data={[...choose('No key pair'), ...(keypairs.data?.keypairs ?? []).map((k) => ({ value: k.keypair.name, label: k.keypair.name }))]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={action.busy}>Launch</Button>
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
