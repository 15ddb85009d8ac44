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

const COLORS: Record<string, string> = { available: 'green', 'in-use': 'blue', error: 'red', creating: 'gray' };

export function Volumes() {
  // refreshed every 3 s: creating -> available, attaching -> in-use show by themselves
  const list = useLoad(() => api.api<{ volumes: Volume[] }>(api.volume('/volumes/detail')), 3000);
  const servers = useLoad(() => api.api<{ servers: Server[] }>(api.compute('/servers/detail')), 10000);
  const [name, setName] = useState('');
  const [size, setSize] = useState<string | number>(1);
  const [attaching, setAttaching] = useState<Volume | null>(null);
  const action = useAction();

  const create = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await api.api(api.volume('/volumes'), { method: 'POST', body: { volume: { name, size: Number(size) } } });
      setName('');
      await list.reload();
    });
  };
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
                <Button size="xs" color="red" variant="light" aria-label={`Delete ${label(v)}`}
                  onClick={() => window.confirm(`Delete volume ${label(v)}?`) && remove(v)}>Delete</Button>
              </Group>
            </Table.Td>
          </>
        )} />
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
