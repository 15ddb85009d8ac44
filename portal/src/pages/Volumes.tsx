import { FormEvent, useState } from 'react';
import { Badge, Button, Group, Modal, NativeSelect, NumberInput, Stack, Table, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, useAction, useLoad } from '../common';

interface Volume {
  id: string;
  name: string | null;
  size: number;
  status: string;
  attachments: { server_id: string; device?: string }[];
}
interface Server { id: string; name: string; status: string }
interface Snapshot { id: string; name: string | null; size: number; status: string; volume_id: string }
interface Image { id: string; name: string; size?: number | null }

const COLORS: Record<string, string> = { available: 'green', 'in-use': 'blue', error: 'red', creating: 'gray' };

export function Volumes() {
  // refreshed every 3 s: creating -> available, attaching -> in-use show by themselves
  const list = useLoad(() => api.api<{ volumes: Volume[] }>(api.volume('/volumes/detail')), 3000);
  const servers = useLoad(() => api.api<{ servers: Server[] }>(api.compute('/servers/detail')), 10000);
  const [name, setName] = useState('');
  const [size, setSize] = useState<string | number>(1);
  const [source, setSource] = useState('');
  const [attaching, setAttaching] = useState<Volume | null>(null);
  const [extending, setExtending] = useState<Volume | null>(null);
  const snapshots = useLoad(() => api.api<{ snapshots: Snapshot[] }>(api.volume('/snapshots/detail')), 3000);
  const images = useLoad(() => api.api<{ images: Image[] }>(api.image('/images?status=active')));
  const action = useAction();

  const create = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      const volume: Record<string, unknown> = { name, size: Number(size) };
      if (source.startsWith('image:')) volume.imageRef = source.slice(6);
      if (source.startsWith('snapshot:')) volume.snapshot_id = source.slice(9);
      await api.api(api.volume('/volumes'), { method: 'POST', body: { volume } });
      setName('');
      setSource('');
      await list.reload();
    });
  };
  const snapshot = (v: Volume) =>
    action.run(async () => {
      await api.api(api.volume('/snapshots'), { method: 'POST', body: { snapshot: { volume_id: v.id, name: `${label(v)}-snapshot` } } });
      await snapshots.reload();
    });
  const removeSnapshot = (x: Snapshot) =>
    action.run(async () => {
      await api.api(api.volume(`/snapshots/${x.id}`), { method: 'DELETE' });
      await snapshots.reload();
    });
  const remove = (v: Volume) =>
    action.run(async () => {
      await api.api(api.volume(`/volumes/${v.id}`), { method: 'DELETE' });
      await list.reload();
    });
  const detach = (v: Volume) =>
    action.run(async () => {
      for (const a of v.attachments) {
        await api.api(api.compute(`/servers/${a.server_id}/os-volume_attachments/${v.id}`), { method: 'DELETE' });
      }
      await list.reload();
    });

  const serverName = (id: string) => servers.data?.servers.find((s) => s.id === id)?.name ?? id;
  const label = (v: Volume) => v.name || v.id;
  return (
    <Stack>
      <Title order={2}>Volumes</Title>
      <ErrorAlert error={list.error} title="Could not list volumes" />
      <ErrorAlert error={action.error} title="The action failed" />
      <form onSubmit={create} aria-label="Create a volume">
        <Group align="flex-end">
          <TextInput label="Volume name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <NumberInput label="Size (GiB)" required min={1} w={120} hideControls value={size} onChange={setSize} />
          <NativeSelect label="Source" value={source} onChange={(e) => setSource(e.currentTarget.value)} data={[
            { value: '', label: 'Empty volume' },
            { group: 'Image', items: (images.data?.images ?? []).map((i) => ({ value: 'image:' + i.id, label: i.name || i.id })) },
            { group: 'Snapshot', items: (snapshots.data?.snapshots ?? []).filter((x) => x.status === 'available')
              .map((x) => ({ value: 'snapshot:' + x.id, label: `${x.name || x.id} (${x.size} GiB)` })) },
          ]} />
          <Button type="submit" loading={action.busy}>Create volume</Button>
        </Group>
      </form>
      <ResourceTable label="Volumes" loading={list.loading} rows={list.data?.volumes ?? null}
        empty="No volumes in this project." columns={['Name', 'Size', 'Status', 'Attached to', 'Actions']}
        rowKey={(v) => v.id} cells={(v) => (
          <>
            <Table.Td>{label(v)}</Table.Td>
            <Table.Td>{v.size} GiB</Table.Td>
            <Table.Td>
              <Badge color={COLORS[v.status] ?? 'yellow'} aria-label={`Status of ${label(v)}: ${v.status}`}>{v.status}</Badge>
            </Table.Td>
            <Table.Td>
              {v.attachments.map((a) => `${serverName(a.server_id)}${a.device ? ' on ' + a.device : ''}`).join(', ')}
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Button size="xs" variant="light" aria-label={`Attach ${label(v)}`}
                  disabled={v.status !== 'available'} onClick={() => setAttaching(v)}>Attach</Button>
                <Button size="xs" variant="light" aria-label={`Detach ${label(v)}`}
                  disabled={v.attachments.length === 0} onClick={() => detach(v)}>Detach</Button>
                <Button size="xs" variant="light" aria-label={`Extend ${label(v)}`}
                  disabled={v.status !== 'available' && v.status !== 'in-use'} onClick={() => setExtending(v)}>Extend</Button>
                <Button size="xs" variant="light" aria-label={`Snapshot ${label(v)}`}
                  disabled={v.status !== 'available' && v.status !== 'in-use'} onClick={() => snapshot(v)}>Snapshot</Button>
                <Button size="xs" color="red" variant="light" aria-label={`Delete ${label(v)}`}
                  onClick={() => window.confirm(`Delete volume ${label(v)}?`) && remove(v)}>Delete</Button>
              </Group>
            </Table.Td>
          </>
        )} />
      <Title order={3}>Snapshots</Title>
      <ErrorAlert error={snapshots.error} title="Could not list snapshots" />
      <ResourceTable label="Snapshots" loading={snapshots.loading} rows={snapshots.data?.snapshots ?? null}
        empty="No snapshots." columns={['Name', 'Size', 'Status', 'Of volume', 'Actions']}
        rowKey={(x) => x.id} cells={(x) => (
          <>
            <Table.Td>{x.name || x.id}</Table.Td>
            <Table.Td>{x.size} GiB</Table.Td>
            <Table.Td>
              <Badge color={COLORS[x.status] ?? 'yellow'} aria-label={`Status of snapshot ${x.name || x.id}: ${x.status}`}>{x.status}</Badge>
            </Table.Td>
            <Table.Td>{(() => { const v = list.data?.volumes.find((y) => y.id === x.volume_id); return v ? label(v) : x.volume_id; })()}</Table.Td>
            <Table.Td>
              <Button size="xs" color="red" variant="light" aria-label={`Delete snapshot ${x.name || x.id}`}
                onClick={() => window.confirm(`Delete snapshot ${x.name || x.id}?`) && removeSnapshot(x)}>Delete</Button>
            </Table.Td>
          </>
        )} />
      {extending && (
        <Extend volume={extending} onClose={() => setExtending(null)} onDone={() => { setExtending(null); list.reload(); }} />
      )}
      {attaching && (
        <Attach volume={attaching} servers={(servers.data?.servers ?? []).filter((s) => s.status === 'ACTIVE' || s.status === 'SHUTOFF')}
          onClose={() => setAttaching(null)} onDone={() => { setAttaching(null); list.reload(); }} />
      )}
    </Stack>
  );
}

function Attach({ volume, servers, onClose, onDone }: {
  volume: Volume; servers: Server[]; onClose: () => void; onDone: () => void;
}) {
  const [serverId, setServer] = useState('');
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await api.api(api.compute(`/servers/${serverId}/os-volume_attachments`), {
        method: 'POST',
        body: { volumeAttachment: { volumeId: volume.id } },
      });
      onDone();
    });
  };
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ "aria-label": "Close dialog" }} title={`Attach ${volume.name || volume.id}`}>
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={action.error} title="The attachment failed" />
          <NativeSelect label="Instance" required value={serverId} onChange={(e) => setServer(e.currentTarget.value)}
            data={[{ value: '', label: 'Choose an instance' }, ...servers.map((s) => ({ value: s.id, label: s.name }))]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={action.busy}>Attach</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Extend({ volume, onClose, onDone }: { volume: Volume; onClose: () => void; onDone: () => void }) {
  const [size, setSize] = useState<string | number>(volume.size + 1);
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await api.api(api.volume(`/volumes/${volume.id}/action`), { method: 'POST', body: { 'os-extend': { new_size: Number(size) } } });
      onDone();
    });
  };
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close dialog' }} title={`Extend ${volume.name || volume.id}`}>
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={action.error} title="The volume was not extended" />
          <NumberInput label="New size (GiB)" required min={volume.size + 1} value={size} onChange={setSize} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={action.busy}>Extend</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
