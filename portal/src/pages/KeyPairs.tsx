import { FormEvent, useState } from 'react';
import { Button, Code, Group, Stack, Table, Textarea, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, useAction, useLoad } from '../common';

interface KeyPair { name: string; fingerprint: string; type?: string }

export function KeyPairs() {
  const list = useLoad(() => api.api<{ keypairs: { keypair: KeyPair }[] }>(api.compute('/os-keypairs')));
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const action = useAction();

  const create = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await api.api(api.compute('/os-keypairs'), {
        method: 'POST',
        body: { keypair: { name, public_key: publicKey.trim() } },
      });
      setName('');
      setPublicKey('');
      await list.reload();
    });
  };
  const remove = (k: KeyPair) =>
    action.run(async () => {
      await api.api(api.compute(`/os-keypairs/${encodeURIComponent(k.name)}`), { method: 'DELETE' });
      await list.reload();
    });

  return (
    <Stack>
      <Title order={2}>Key pairs</Title>
      <ErrorAlert error={list.error} title="Could not list key pairs" />
      <ErrorAlert error={action.error} title="The action failed" />
      <form onSubmit={create} aria-label="Import a key pair">
        <Stack maw={640}>
          <TextInput label="Key pair name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Textarea label="Public key (OpenSSH)" required autosize minRows={2} value={publicKey}
            onChange={(e) => setPublicKey(e.currentTarget.value)} />
          <Group>
            <Button type="submit" loading={action.busy}>Import key pair</Button>
          </Group>
        </Stack>
      </form>
      <ResourceTable label="Key pairs" loading={list.loading} rows={list.data?.keypairs.map((k) => k.keypair) ?? null}
        empty="No key pairs." columns={['Name', 'Fingerprint', 'Actions']}
        rowKey={(k) => k.name} cells={(k) => (
          <>
            <Table.Td>{k.name}</Table.Td>
            <Table.Td><Code>{k.fingerprint}</Code></Table.Td>
            <Table.Td>
              <Button size="xs" color="red" variant="light" aria-label={`Delete key pair ${k.name}`}
                onClick={() => remove(k)}>Delete</Button>
            </Table.Td>
          </>
        )} />
    </Stack>
  );
}
