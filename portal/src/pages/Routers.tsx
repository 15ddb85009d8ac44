import { FormEvent, useState } from 'react';
import { Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, useAction, useLoad } from '../common';
import { Network, netLabel, Port, Router, Subnet } from './Networks';

export function Routers() {
  const routers = useLoad(() => api.api<{ routers: Router[] }>(api.network('/routers')), 5000);
  const networks = useLoad(() => api.api<{ networks: Network[] }>(api.network('/networks')));
  const subnets = useLoad(() => api.api<{ subnets: Subnet[] }>(api.network('/subnets')));
  const ports = useLoad(() => api.api<{ ports: Port[] }>(api.network('/ports?device_owner=network:router_interface')), 5000);
  const [name, setName] = useState('');
  const [external, setExternal] = useState('');
  const [editing, setEditing] = useState<Router | null>(null);
  const action = useAction();

  const externals = (networks.data?.networks ?? []).filter((n) => n['router:external']);
  const create = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      const router: Record<string, unknown> = { name };
      if (external) router.external_gateway_info = { network_id: external };
      await api.api(api.network('/routers'), { method: 'POST', body: { router } });
      setName('');
      await routers.reload();
    });
  };
  const remove = (r: Router) =>
    action.run(async () => {
      await api.api(api.network(`/routers/${r.id}`), { method: 'DELETE' });
      await routers.reload();
    });
  const interfaces = (r: Router) => (ports.data?.ports ?? []).filter((p) => p.device_id === r.id);
  const subnetLabel = (id: string) => {
    const s = subnets.data?.subnets.find((x) => x.id === id);
    return s ? `${netLabel(s)} ${s.cidr}` : id;
  };
  const networkLabel = (id: string) => netLabel(networks.data?.networks.find((n) => n.id === id) ?? { id, name: '' });

  return (
    <Stack>
      <Title order={2}>Routers</Title>
      <ErrorAlert error={routers.error ?? networks.error} title="Could not list routers" />
      <ErrorAlert error={action.error} title="The action failed" />
      <form onSubmit={create} aria-label="Create a router">
        <Group align="flex-end">
          <TextInput label="Router name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <NativeSelect label="External gateway" value={external} onChange={(e) => setExternal(e.currentTarget.value)}
            data={[{ value: '', label: 'None' }, ...externals.map((n) => ({ value: n.id, label: netLabel(n) }))]} />
          <Button type="submit" loading={action.busy}>Create router</Button>
        </Group>
      </form>
      <ResourceTable label="Routers" loading={routers.loading} rows={routers.data?.routers ?? null}
        empty="No routers." columns={['Name', 'Status', 'Gateway', 'Interfaces', 'Actions']}
        rowKey={(r) => r.id} rowTestId={(r) => 'router-' + r.name} cells={(r) => (
          <>
            <Table.Td>{netLabel(r)}</Table.Td>
            <Table.Td><Badge color={r.status === 'ACTIVE' ? 'green' : 'gray'}>{r.status}</Badge></Table.Td>
            <Table.Td>
              {r.external_gateway_info
                ? `${networkLabel(r.external_gateway_info.network_id)} ${(r.external_gateway_info.external_fixed_ips ?? []).map((f) => f.ip_address).join(', ')}`
                : 'none'}
            </Table.Td>
            <Table.Td>
              {interfaces(r).map((p) => (
                <Text size="sm" key={p.id}>{p.fixed_ips.map((f) => `${f.ip_address} on ${subnetLabel(f.subnet_id)}`).join(', ')}</Text>
              ))}
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Button size="xs" variant="light" aria-label={`Interfaces of ${netLabel(r)}`} onClick={() => setEditing(r)}>Interfaces</Button>
                <Button size="xs" color="red" variant="light" aria-label={`Delete router ${netLabel(r)}`}
                  onClick={() => window.confirm(`Delete router ${netLabel(r)}?`) && remove(r)}>Delete</Button>
              </Group>
            </Table.Td>
          </>
        )} />
      {editing && (
        <Interfaces router={editing} subnets={subnets.data?.subnets ?? []} ports={interfaces(editing)}
          subnetLabel={subnetLabel} onClose={() => setEditing(null)} onChanged={() => ports.reload()} />
      )}
    </Stack>
  );
}

function Interfaces({ router, subnets, ports, subnetLabel, onClose, onChanged }: {
  router: Router; subnets: Subnet[]; ports: Port[]; subnetLabel: (id: string) => string;
  onClose: () => void; onChanged: () => Promise<void>;
}) {
  const [subnetId, setSubnet] = useState('');
  const action = useAction();
  const attached = new Set(ports.flatMap((p) => p.fixed_ips.map((f) => f.subnet_id)));
  const add = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await api.api(api.network(`/routers/${router.id}/add_router_interface`), { method: 'PUT', body: { subnet_id: subnetId } });
      setSubnet('');
      await onChanged();
    });
  };
  const removeIf = (subnet: string) =>
    action.run(async () => {
      await api.api(api.network(`/routers/${router.id}/remove_router_interface`), { method: 'PUT', body: { subnet_id: subnet } });
      await onChanged();
    });
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close dialog' }} title={`Interfaces of ${netLabel(router)}`} size="lg">
      <Stack>
        <ErrorAlert error={action.error} title="The action failed" />
        {ports.length === 0 && <Text c="dimmed">No interfaces.</Text>}
        {ports.flatMap((p) => p.fixed_ips).map((f) => (
          <Group key={f.subnet_id} justify="space-between">
            <Text size="sm">{f.ip_address} on {subnetLabel(f.subnet_id)}</Text>
            <Button size="xs" color="red" variant="light" aria-label={`Remove interface on ${subnetLabel(f.subnet_id)}`}
              onClick={() => removeIf(f.subnet_id)}>Remove</Button>
          </Group>
        ))}
        <form onSubmit={add} aria-label="Add an interface">
          <Group align="flex-end">
            <NativeSelect label="Subnet" required value={subnetId} onChange={(e) => setSubnet(e.currentTarget.value)}
              data={[{ value: '', label: 'Choose a subnet' },
                ...subnets.filter((s) => !attached.has(s.id)).map((s) => ({ value: s.id, label: subnetLabel(s.id) }))]} />
            <Button type="submit" loading={action.busy}>Add interface</Button>
          </Group>
        </form>
        <Group justify="flex-end"><Button onClick={onClose}>Close</Button></Group>
      </Stack>
    </Modal>
  );
}
