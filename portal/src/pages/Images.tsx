import { FormEvent, useState } from 'react';
import { Badge, Button, FileInput, Group, Loader, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, useAction, useLoad } from '../common';
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
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const action = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    action.run(async () => {
      const created = await api.api<Image>(api.image('/images'), {
        method: 'POST',
        body: { name: name || file.name, disk_format: format, container_format: 'bare', visibility: 'private' },
      });
      await list.reload();
      setProgress(0);
      try {
        await api.upload(api.image(`/images/${created.id}/file`), file, setProgress);
      } catch (err) {
        // a half-uploaded image is of no use to anyone: remove it, then say why
        await api.api(api.image(`/images/${created.id}`), { method: 'DELETE' }).catch(() => {});
        throw err;
      } finally {
        setProgress(null);
        await list.reload();
      }
      setName('');
      setFile(null);
    });
  };
  const remove = (i: Image) =>
    action.run(async () => {
      await api.api(api.image(`/images/${i.id}`), { method: 'DELETE' });
      await list.reload();
    });

  const mine = (i: Image) => i.owner === api.session().project.id;
  const images = list.data?.images ?? [];
  return (
    <Stack>
      <Title order={2}>Images</Title>
      <ErrorAlert error={list.error} title="Could not list images" />
      <ErrorAlert error={action.error} title="The action failed" />
      <form onSubmit={submit} aria-label="Upload an image">
        <Stack maw={640}>
          <FileInput label="Image file" required value={file} onChange={setFile} placeholder="Choose a file" clearable />
          <TextInput label="Image name" value={name} onChange={(e) => setName(e.currentTarget.value)}
            placeholder="the file's name" />
          <NativeSelect label="Disk format" value={format} onChange={(e) => setFormat(e.currentTarget.value)}
            data={['qcow2', 'raw', 'iso', 'vmdk', 'vdi']} />
          <Group>
            <Button type="submit" loading={action.busy} disabled={!file}>Upload image</Button>
          </Group>
          <UploadProgress name={name || file?.name || ''} fraction={progress} />
        </Stack>
      </form>
      {list.loading && <Loader aria-label="Loading images" />}
      {!list.loading && images.length === 0 && <Text c="dimmed">No images.</Text>}
      {images.length > 0 && (
        <div className="table-scroll">
          <Table striped aria-label="Images">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th><Table.Th>Status</Table.Th><Table.Th>Format</Table.Th>
                <Table.Th>Size</Table.Th><Table.Th>Visibility</Table.Th><Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {images.map((i) => (
                <Table.Tr key={i.id}>
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
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}
