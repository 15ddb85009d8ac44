import { FormEvent, useState } from 'react';
import { Anchor, Breadcrumbs, Button, FileInput, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, useAction, useLoad, useUpload } from '../common';
import { UploadProgress } from '../Upload';

interface Container { name: string; count: number; bytes: number }
interface StoredObject { name: string; bytes: number; last_modified: string; content_type: string }

const path = (s: string) => '/' + s.split('/').map(encodeURIComponent).join('/');

export function ObjectStorage() {
  const [open, setOpen] = useState<string | null>(null);
  return open ? <Objects container={open} onBack={() => setOpen(null)} /> : <Containers onOpen={setOpen} />;
}

function Containers({ onOpen }: { onOpen: (c: string) => void }) {
  const list = useLoad(() => api.api<Container[]>(api.objectStore('?format=json')));
  const [name, setName] = useState('');
  const action = useAction();

  const create = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await api.raw(api.objectStore(path(name)), { method: 'PUT' });
      setName('');
      await list.reload();
    });
  };
  const remove = (c: Container) =>
    action.run(async () => {
      await api.raw(api.objectStore(path(c.name)), { method: 'DELETE' });
      await list.reload();
    });

  return (
    <Stack>
      <Title order={2}>Object storage</Title>
      <ErrorAlert error={list.error} title="Could not list containers" />
      <ErrorAlert error={action.error} title="The action failed" />
      <form onSubmit={create} aria-label="Create a container">
        <Group align="flex-end">
          <TextInput label="Container name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Button type="submit" loading={action.busy}>Create container</Button>
        </Group>
      </form>
      <ResourceTable label="Containers" loading={list.loading} rows={list.data ?? null}
        empty="No containers." columns={['Name', 'Objects', 'Size', 'Actions']}
        rowKey={(c) => c.name} cells={(c) => (
          <>
            <Table.Td>
              <Anchor component="button" type="button" onClick={() => onOpen(c.name)} aria-label={`Open container ${c.name}`}>
                {c.name}
              </Anchor>
            </Table.Td>
            <Table.Td>{c.count}</Table.Td>
            <Table.Td>{api.sizeLabel(c.bytes)}</Table.Td>
            <Table.Td>
              <Button size="xs" color="red" variant="light" aria-label={`Delete container ${c.name}`}
                onClick={() => remove(c)}>Delete</Button>
            </Table.Td>
          </>
        )} />
    </Stack>
  );
}

function Objects({ container, onBack }: { container: string; onBack: () => void }) {
  const list = useLoad(() => api.api<StoredObject[]>(api.objectStore(path(container) + '?format=json')));
  const { file, setFile, progress, action, submit, cancel } = useUpload();

  const send = async (file: File, onProgress: (f: number) => void, signal: AbortSignal) => {
    try {
      await api.upload(api.objectStore(path(container) + path(file.name)), file, onProgress,
        file.type || 'application/octet-stream', signal);
    } finally {
      await list.reload();
    }
  };
  const download = (o: StoredObject) =>
    action.run(async () => {
      const r = await api.raw(api.objectStore(path(container) + path(o.name)), { headers: { Accept: '*/*' } });
      const url = URL.createObjectURL(await r.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = o.name.split('/').pop() ?? o.name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    });
  const remove = (o: StoredObject) =>
    action.run(async () => {
      await api.raw(api.objectStore(path(container) + path(o.name)), { method: 'DELETE' });
      await list.reload();
    });

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component="button" type="button" onClick={onBack}>Containers</Anchor>
        <Text>{container}</Text>
      </Breadcrumbs>
      <Title order={2}>Container {container}</Title>
      <ErrorAlert error={list.error} title="Could not list objects" />
      <ErrorAlert error={action.error} title="The action failed" />
      <form onSubmit={submit(send)} aria-label="Upload an object">
        <Stack maw={640}>
          <FileInput label="File to upload" required value={file} onChange={setFile} placeholder="Choose a file" clearable />
          <Group>
            <Button type="submit" loading={action.busy} disabled={!file}>Upload</Button>
          </Group>
          <UploadProgress name={file?.name ?? ''} fraction={progress} onCancel={cancel} />
        </Stack>
      </form>
      <ResourceTable label="Objects" loading={list.loading} rows={list.data ?? null}
        empty="This container is empty." columns={['Name', 'Size', 'Modified', 'Actions']}
        rowKey={(o) => o.name} cells={(o) => (
          <>
            <Table.Td>{o.name}</Table.Td>
            <Table.Td>{api.sizeLabel(o.bytes)}</Table.Td>
            <Table.Td>{o.last_modified?.replace('T', ' ').slice(0, 19)}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Button size="xs" variant="light" aria-label={`Download ${o.name}`} onClick={() => download(o)}>Download</Button>
                <Button size="xs" color="red" variant="light" aria-label={`Delete ${o.name}`} onClick={() => remove(o)}>Delete</Button>
              </Group>
            </Table.Td>
          </>
        )} />
    </Stack>
  );
}
