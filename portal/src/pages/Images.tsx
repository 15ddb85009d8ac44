import { FormEvent, useState } from 'react';
import { Badge, Button, FileInput, Group, Modal, NativeSelect, NumberInput, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, useAction, useLoad, useUpload } from '../common';
import { UploadProgress } from '../Upload';

interface Image {
  id: string;
  name: string;
  status: string;
  size?: number | null;
  disk_format?: string;
  visibility: string;
  owner?: string;
  min_disk?: number;
  min_ram?: number;
  [property: string]: unknown;
}
interface Member { member_id: string; status: string }

/** Glance's own fields: everything else on an image is a custom property the user may edit. */
const BASE = new Set(['id', 'name', 'status', 'size', 'virtual_size', 'disk_format', 'container_format', 'visibility',
  'owner', 'min_disk', 'min_ram', 'protected', 'os_hidden', 'checksum', 'os_hash_algo', 'os_hash_value', 'tags',
  'created_at', 'updated_at', 'self', 'file', 'schema', 'direct_url', 'locations', 'stores']);
const properties = (i: Image) => Object.entries(i).filter(([k, v]) => !BASE.has(k) && typeof v === 'string') as [string, string][];
const patch = (id: string, ops: unknown[]) =>
  api.api(api.image(`/images/${id}`), {
    method: 'PATCH', body: JSON.stringify(ops), headers: { 'Content-Type': 'application/openstack-images-v2.1-json-patch' },
  });

export function Images() {
  const list = useLoad(() => api.api<{ images: Image[] }>(api.image('/images')), 5000);
  // images other projects share with this one, not yet accepted (the default list leaves them out)
  const pending = useLoad(async () => {
    const r = await api.api<{ images: Image[] }>(api.image('/images?visibility=shared&member_status=pending'));
    return r.images.filter((i) => i.owner !== api.session().project.id); // the owner's own shared images are listed too
  }, 10000);
  const [editing, setEditing] = useState<Image | null>(null);
  const [sharing, setSharing] = useState<Image | null>(null);
  const [name, setName] = useState('');
  const [format, setFormat] = useState('qcow2');
  const { file, setFile, progress, action, submit, cancel } = useUpload();

  const send = async (file: File, onProgress: (f: number) => void, signal: AbortSignal) => {
    const created = await api.api<Image>(api.image('/images'), {
      method: 'POST',
      body: { name: name || file.name, disk_format: format, container_format: 'bare', visibility: 'private' },
    });
    await list.reload();
    try {
      await api.upload(api.image(`/images/${created.id}/file`), file, onProgress, undefined, signal);
    } catch (err) {
      // a half-uploaded image is of no use to anyone: remove it, then say why
      await api.api(api.image(`/images/${created.id}`), { method: 'DELETE' }).catch(() => {});
      throw err;
    } finally {
      await list.reload();
    }
    setName('');
  };
  const remove = (i: Image) =>
    action.run(async () => {
      await api.api(api.image(`/images/${i.id}`), { method: 'DELETE' });
      await list.reload();
    });

  const mine = (i: Image) => i.owner === api.session().project.id;
  const accept = (i: Image) =>
    action.run(async () => {
      await api.api(api.image(`/images/${i.id}/members/${api.session().project.id}`), { method: 'PUT', body: { status: 'accepted' } });
      await Promise.all([list.reload(), pending.reload()]);
    });
  return (
    <Stack>
      <Title order={2}>Images</Title>
      <ErrorAlert error={list.error} title="Could not list images" />
      <ErrorAlert error={action.error} title="The action failed" />
      <form onSubmit={submit(send)} aria-label="Upload an image">
        <Stack maw={640}>
          <FileInput label="Image file" required value={file} onChange={setFile} placeholder="Choose a file" clearable />
          <TextInput label="Image name" value={name} onChange={(e) => setName(e.currentTarget.value)}
            placeholder="the file's name" />
          <NativeSelect label="Disk format" value={format} onChange={(e) => setFormat(e.currentTarget.value)}
            data={['qcow2', 'raw', 'iso', 'vmdk', 'vdi']} />
          <Group>
            <Button type="submit" loading={action.busy} disabled={!file}>Upload image</Button>
          </Group>
          <UploadProgress name={name || file?.name || ''} fraction={progress} onCancel={cancel} />
        </Stack>
      </form>
      <ResourceTable label="Images" loading={list.loading} rows={list.data?.images ?? null}
        empty="No images." columns={['Name', 'Status', 'Format', 'Size', 'Visibility', 'Actions']}
        rowKey={(i) => i.id} cells={(i) => (
          <>
            <Table.Td>{i.name}</Table.Td>
            <Table.Td><Badge color={i.status === 'active' ? 'green' : 'gray'}>{i.status}</Badge></Table.Td>
            <Table.Td>{i.disk_format}</Table.Td>
            <Table.Td>{i.size != null ? api.sizeLabel(i.size) : ''}</Table.Td>
            <Table.Td>{i.visibility}</Table.Td>
            <Table.Td>
              {mine(i) && (
                <Group gap={4}>
                  <Button size="xs" variant="light" aria-label={`Edit image ${i.name}`} onClick={() => setEditing(i)}>Edit</Button>
                  <Button size="xs" variant="light" aria-label={`Share image ${i.name}`} onClick={() => setSharing(i)}>Share</Button>
                  <Button size="xs" color="red" variant="light" aria-label={`Delete image ${i.name}`}
                    onClick={() => window.confirm(`Delete image ${i.name}?`) && remove(i)}>Delete</Button>
                </Group>
              )}
            </Table.Td>
          </>
        )} />
      {(pending.data?.length ?? 0) > 0 && (
        <>
          <Title order={3}>Shared with this project, not accepted yet</Title>
          <ResourceTable label="Images shared with this project" loading={false} rows={pending.data ?? null}
            empty="" columns={['Name', 'Owner', 'Actions']} rowKey={(i) => i.id} cells={(i) => (
              <>
                <Table.Td>{i.name}</Table.Td>
                <Table.Td>{i.owner}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" aria-label={`Accept image ${i.name}`} onClick={() => accept(i)}>Accept</Button>
                </Table.Td>
              </>
            )} />
        </>
      )}
      {editing && <Edit image={editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); list.reload(); }} />}
      {sharing && <Share image={sharing} onClose={() => setSharing(null)} onChanged={list.reload} />}
    </Stack>
  );
}

function Edit({ image, onClose, onDone }: { image: Image; onClose: () => void; onDone: () => void }) {
  const [name, setName] = useState(image.name);
  const [visibility, setVisibility] = useState(image.visibility);
  const [minDisk, setMinDisk] = useState<string | number>(image.min_disk ?? 0);
  const [minRam, setMinRam] = useState<string | number>(image.min_ram ?? 0);
  const [props, setProps] = useState(properties(image).map(([k, v]) => `${k}=${v}`).join('\n'));
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      const wanted = new Map<string, string>();
      for (const line of props.split('\n').map((l) => l.trim()).filter(Boolean)) {
        const eq = line.indexOf('=');
        if (eq <= 0) throw new Error(`"${line}" is not key=value`);
        wanted.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
      }
      const had = new Map(properties(image));
      const ops: unknown[] = [];
      const set = (path: string, value: unknown, exists: boolean) => ops.push({ op: exists ? 'replace' : 'add', path, value });
      if (name !== image.name) set('/name', name, true);
      if (visibility !== image.visibility) set('/visibility', visibility, true);
      if (Number(minDisk) !== (image.min_disk ?? 0)) set('/min_disk', Number(minDisk), true);
      if (Number(minRam) !== (image.min_ram ?? 0)) set('/min_ram', Number(minRam), true);
      for (const [k, v] of wanted) if (had.get(k) !== v) set('/' + k.replace(/~/g, '~0').replace(/\//g, '~1'), v, had.has(k));
      for (const k of had.keys()) if (!wanted.has(k)) ops.push({ op: 'remove', path: '/' + k.replace(/~/g, '~0').replace(/\//g, '~1') });
      if (ops.length) await patch(image.id, ops);
      onDone();
    });
  };
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close dialog' }} title={`Edit image ${image.name}`} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={action.error} title="The image was not changed" />
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <NativeSelect label="Visibility" value={visibility} onChange={(e) => setVisibility(e.currentTarget.value)}
            data={['private', 'shared', 'community', 'public']} />
          <Group>
            <NumberInput label="Minimum disk (GiB)" min={0} w={160} value={minDisk} onChange={setMinDisk} />
            <NumberInput label="Minimum RAM (MiB)" min={0} w={160} value={minRam} onChange={setMinRam} />
          </Group>
          <Textarea label="Properties" description="one key=value a line" autosize minRows={3} value={props}
            onChange={(e) => setProps(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={action.busy}>Save</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Share({ image, onClose, onChanged }: { image: Image; onClose: () => void; onChanged: () => Promise<void> }) {
  const members = useLoad(() => api.api<{ members: Member[] }>(api.image(`/images/${image.id}/members`)));
  const [project, setProject] = useState('');
  const action = useAction();
  const add = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      // only a shared image has members: make it one first
      if (image.visibility !== 'shared') await patch(image.id, [{ op: 'replace', path: '/visibility', value: 'shared' }]);
      await api.api(api.image(`/images/${image.id}/members`), { method: 'POST', body: { member: project.trim() } });
      setProject('');
      await Promise.all([members.reload(), onChanged()]);
    });
  };
  const remove = (m: Member) =>
    action.run(async () => {
      await api.api(api.image(`/images/${image.id}/members/${m.member_id}`), { method: 'DELETE' });
      await members.reload();
    });
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close dialog' }} title={`Share image ${image.name}`} size="lg">
      <Stack>
        <ErrorAlert error={members.error ?? action.error} title="Sharing" />
        <ResourceTable label="Members" loading={members.loading} rows={members.data?.members ?? null}
          empty="Not shared with any project." columns={['Project', 'Status', 'Actions']} rowKey={(m) => m.member_id} cells={(m) => (
            <>
              <Table.Td><Text size="sm" ff="monospace">{m.member_id}</Text></Table.Td>
              <Table.Td>{m.status}</Table.Td>
              <Table.Td>
                <Button size="xs" color="red" variant="light" aria-label={`Stop sharing with ${m.member_id}`} onClick={() => remove(m)}>Remove</Button>
              </Table.Td>
            </>
          )} />
        <form onSubmit={add} aria-label="Share with a project">
          <Group align="flex-end">
            <TextInput label="Project ID" required value={project} onChange={(e) => setProject(e.currentTarget.value)} />
            <Button type="submit" loading={action.busy}>Share</Button>
          </Group>
        </form>
        <Group justify="flex-end"><Button onClick={onClose}>Close</Button></Group>
      </Stack>
    </Modal>
  );
}
