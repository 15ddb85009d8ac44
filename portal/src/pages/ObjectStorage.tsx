import { FormEvent, useState } from 'react';
import {
  Anchor, Badge, Breadcrumbs, Button, FileInput, Group, Modal, NumberInput, Stack, Table, Text, TextInput, Title,
} from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, saveBlob, useAction, useLoad, useUpload } from '../common';
import { UploadProgress } from '../Upload';

interface Container { name: string; count: number; bytes: number; public?: boolean }
interface StoredObject { name: string; bytes: number; last_modified: string; content_type: string }
/** A listing entry with a delimiter: an object, or a pseudo-directory (`subdir`, a common prefix of names). */
type Entry = StoredObject | { subdir: string };

/** Anyone may read and list a public container (Swift's ACL); a private one needs a token. */
const PUBLIC_READ = '.r:*,.rlistings';

async function hmacHex(algorithm: string, key: string, message: string) {
  if (!crypto.subtle) throw new Error('Temporary URLs are signed in the browser, which needs HTTPS (or localhost).');
  const enc = new TextEncoder();
  const k = await crypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: algorithm }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', k, enc.encode(message)));
  return [...sig].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const path = (s: string) => '/' + s.split('/').map(encodeURIComponent).join('/');

export function ObjectStorage() {
  const [open, setOpen] = useState<string | null>(null);
  return open ? <Objects container={open} onBack={() => setOpen(null)} /> : <Containers onOpen={setOpen} />;
}

function Containers({ onOpen }: { onOpen: (c: string) => void }) {
  const list = useLoad(async () => {
    const cs = await api.api<Container[]>(api.objectStore('?format=json'));
    // the read ACL of each (a HEAD each: the listing does not carry it)
    const acl = await Promise.all(cs.map(async (c) => {
      const r = await api.raw(api.objectStore(path(c.name)), { method: 'HEAD' });
      return (r.headers.get('X-Container-Read') ?? '').includes('.r:*');
    }));
    return cs.map((c, i) => ({ ...c, public: acl[i] }));
  });
  const [name, setName] = useState('');
  const action = useAction();
  const setPublic = (c: Container, on: boolean) =>
    action.run(async () => {
      await api.raw(api.objectStore(path(c.name)), {
        method: 'POST', headers: on ? { 'X-Container-Read': PUBLIC_READ } : { 'X-Remove-Container-Read': 'x' },
      });
      await list.reload();
    });

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
        empty="No containers." columns={['Name', 'Objects', 'Size', 'Access', 'Actions']}
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
              <Badge color={c.public ? 'orange' : 'gray'} aria-label={`Access of ${c.name}: ${c.public ? 'public' : 'private'}`}>
                {c.public ? 'public' : 'private'}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Button size="xs" variant="light" aria-label={c.public ? `Make ${c.name} private` : `Make ${c.name} public`}
                  onClick={() => setPublic(c, !c.public)}>{c.public ? 'Make private' : 'Make public'}</Button>
                <Button size="xs" color="red" variant="light" aria-label={`Delete container ${c.name}`}
                  onClick={() => remove(c)}>Delete</Button>
              </Group>
            </Table.Td>
          </>
        )} />
    </Stack>
  );
}

function Objects({ container, onBack }: { container: string; onBack: () => void }) {
  const [prefix, setPrefix] = useState('');
  const list = useLoad(() => api.api<Entry[]>(api.objectStore(path(container)
    + `?format=json&delimiter=/&prefix=${encodeURIComponent(prefix)}`)), undefined, [prefix]);
  const { file, setFile, progress, action, submit, cancel } = useUpload();
  const [folder, setFolder] = useState('');
  const [sharing, setSharing] = useState<StoredObject | null>(null);

  const send = async (file: File, onProgress: (f: number) => void, signal: AbortSignal) => {
    try {
      await api.upload(api.objectStore(path(container) + path(prefix + file.name)), file, onProgress,
        file.type || 'application/octet-stream', signal);
    } finally {
      await list.reload();
    }
  };
  const makeFolder = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      // a pseudo-directory: an empty object whose name ends in "/" (what Swift's tools and Horizon make)
      await api.raw(api.objectStore(path(container) + path(prefix + folder.replace(/\/+$/, '') + '/')), {
        method: 'PUT', body: '', headers: { 'Content-Type': 'application/directory' },
      });
      setFolder('');
      await list.reload();
    });
  };
  const download = (o: StoredObject) =>
    action.run(async () => {
      const r = await api.raw(api.objectStore(path(container) + path(o.name)), { headers: { Accept: '*/*' } });
      saveBlob(await r.blob(), o.name.split('/').pop() ?? o.name);
    });
  const remove = (o: StoredObject) =>
    action.run(async () => {
      await api.raw(api.objectStore(path(container) + path(o.name)), { method: 'DELETE' });
      await list.reload();
    });

  const parts = prefix.split('/').filter(Boolean);
  const entries = (list.data ?? []).filter((e) => !('name' in e) || e.name !== prefix); // the folder's own marker
  const key = (e: Entry) => ('subdir' in e ? e.subdir : e.name);
  const short = (n: string) => n.slice(prefix.length);
  return (
    <Stack>
      <Breadcrumbs aria-label="Location">
        <Anchor component="button" type="button" onClick={onBack}>Containers</Anchor>
        <Anchor component="button" type="button" onClick={() => setPrefix('')}>{container}</Anchor>
        {parts.map((p, i) => (
          <Anchor key={i} component="button" type="button" onClick={() => setPrefix(parts.slice(0, i + 1).join('/') + '/')}>{p}</Anchor>
        ))}
      </Breadcrumbs>
      <Title order={2}>Container {container}{prefix ? ` / ${prefix.replace(/\/$/, '')}` : ''}</Title>
      <ErrorAlert error={list.error} title="Could not list objects" />
      <ErrorAlert error={action.error} title="The action failed" />
      <Group align="flex-start" gap="xl">
        <form onSubmit={submit(send)} aria-label="Upload an object">
          <Stack maw={640} miw={260}>
            <FileInput label="File to upload" required value={file} onChange={setFile} placeholder="Choose a file" clearable />
            <Group>
              <Button type="submit" loading={action.busy} disabled={!file}>Upload</Button>
            </Group>
            <UploadProgress name={file?.name ?? ''} fraction={progress} onCancel={cancel} />
          </Stack>
        </form>
        <form onSubmit={makeFolder} aria-label="Create a folder">
          <Group align="flex-end">
            <TextInput label="Folder name" required value={folder} onChange={(e) => setFolder(e.currentTarget.value)} />
            <Button type="submit" variant="default">Create folder</Button>
          </Group>
        </form>
      </Group>
      <ResourceTable label="Objects" loading={list.loading} rows={list.data ? entries : null}
        empty={prefix ? 'This folder is empty.' : 'This container is empty.'} columns={['Name', 'Size', 'Modified', 'Actions']}
        rowKey={key} cells={(e) => 'subdir' in e ? (
          <>
            <Table.Td>
              <Anchor component="button" type="button" onClick={() => setPrefix(e.subdir)} aria-label={`Open folder ${short(e.subdir)}`}>
                {short(e.subdir)}
              </Anchor>
            </Table.Td>
            <Table.Td>folder</Table.Td>
            <Table.Td />
            <Table.Td />
          </>
        ) : (
          <>
            <Table.Td>{short(e.name)}</Table.Td>
            <Table.Td>{api.sizeLabel(e.bytes)}</Table.Td>
            <Table.Td>{e.last_modified?.replace('T', ' ').slice(0, 19)}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Button size="xs" variant="light" aria-label={`Download ${short(e.name)}`} onClick={() => download(e)}>Download</Button>
                <Button size="xs" variant="light" aria-label={`Temporary URL of ${short(e.name)}`} onClick={() => setSharing(e)}>Temporary URL</Button>
                <Button size="xs" color="red" variant="light" aria-label={`Delete ${short(e.name)}`} onClick={() => remove(e)}>Delete</Button>
              </Group>
            </Table.Td>
          </>
        )} />
      {sharing && <TempUrl container={container} object={sharing} onClose={() => setSharing(null)} />}
    </Stack>
  );
}

/** A temporary URL for one object (Swift's TempURL: HMAC-SHA256 of "GET\n<expires>\n<path>" with the container's
 * Temp-URL-Key, which is made once, at random, when the container has none). Anyone with the URL may GET the
 * object until it expires. */
function TempUrl({ container, object, onClose }: { container: string; object: StoredObject; onClose: () => void }) {
  const [hours, setHours] = useState<string | number>(24);
  const [url, setUrl] = useState('');
  const action = useAction();
  const make = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      const c = api.objectStore(path(container));
      const head = await api.raw(c, { method: 'HEAD' });
      let key = head.headers.get('X-Container-Meta-Temp-Url-Key');
      if (!key) {
        key = [...crypto.getRandomValues(new Uint8Array(24))].map((b) => b.toString(16).padStart(2, '0')).join('');
        await api.raw(c, { method: 'POST', headers: { 'X-Container-Meta-Temp-Url-Key': key } });
      }
      const expires = Math.floor(Date.now() / 1000) + Math.round(Number(hours) * 3600);
      const objectPath = path(container) + path(object.name);
      const swiftPath = `/v1/AUTH_${api.session().project.id}${decodeURIComponent(objectPath)}`;
      const sig = await hmacHex('SHA-256', key, `GET\n${expires}\n${swiftPath}`);
      setUrl(`${window.location.origin}${api.objectStore(objectPath)}?temp_url_sig=${sig}&temp_url_expires=${expires}`);
    });
  };
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close dialog' }} title={`Temporary URL of ${object.name}`} size="lg">
      <form onSubmit={make}>
        <Stack>
          <ErrorAlert error={action.error} title="No temporary URL" />
          <Group align="flex-end">
            <NumberInput label="Valid for (hours)" min={1} max={24 * 30} w={160} value={hours} onChange={setHours} />
            <Button type="submit" loading={action.busy}>Make URL</Button>
          </Group>
          {url && (
            <>
              <TextInput label="Temporary URL" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
              <Text size="xs" c="dimmed">Anyone with this URL can download the object until it expires.</Text>
            </>
          )}
          <Group justify="flex-end"><Button onClick={onClose}>Close</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}
