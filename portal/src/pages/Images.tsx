import { useState } from 'react';
import { Badge, Button, FileInput, Group, NativeSelect, Stack, Table, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, useLoad, useUpload } from '../common';
import { UploadProgress } from '../Upload';

interface Image {
  id: string;
  name: string;
  status: string;
  size?: number | null;
  disk_format?: string;
  visibility: string;
  owner?: string;
}

export function Images() {
  const list = useLoad(() => api.api<{ images: Image[] }>(api.image('/images')), 5000);
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
                <Button size="xs" color="red" variant="light" aria-label={`Delete image ${i.name}`}
                  onClick={() => window.confirm(`Delete image ${i.name}?`) && remove(i)}>Delete</Button>
              )}
            </Table.Td>
          </>
        )} />
    </Stack>
  );
}
