import { FormEvent, useState } from 'react';
import { Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, useAction, useLoad } from '../common';

interface Rule {
  id: string;
  direction: string;
  ethertype: string;
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
}
interface Group_ { id: string; name: string; description: string; security_group_rules: Rule[] }

const ports = (r: Rule) =>
  r.port_range_min == null ? 'any' : r.port_range_min === r.port_range_max ? `${r.port_range_min}` : `${r.port_range_min}-${r.port_range_max}`;

export function SecurityGroups() {
  const list = useLoad(() => api.api<{ security_groups: Group_[] }>(api.network('/security-groups')));
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const action = useAction();

  const create = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await api.api(api.network('/security-groups'), { method: 'POST', body: { security_group: { name, description } } });
      setName('');
      setDescription('');
      await list.reload();
    });
  };
  const remove = (g: Group_) =>
    action.run(async () => {
      await api.api(api.network(`/security-groups/${g.id}`), { method: 'DELETE' });
      await list.reload();
    });
  const groupName = (id: string) => list.data?.security_groups.find((g) => g.id === id)?.name ?? id;

  return (
    <Stack>
      <Title order={2}>Security groups</Title>
      <ErrorAlert error={list.error} title="Could not list security groups" />
      <ErrorAlert error={action.error} title="The action failed" />
      <form onSubmit={create} aria-label="Create a security group">
        <Group align="flex-end">
          <TextInput label="Group name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Button type="submit" loading={action.busy}>Create security group</Button>
        </Group>
      </form>
      {list.data?.security_groups.map((g) => (
        <Card withBorder key={g.id} component="section" aria-label={`Security group ${g.name}`}>
          <Stack>
            <Group justify="space-between">
              <div>
                <Title order={3}>{g.name}</Title>
                {g.description && <Text size="sm" c="dimmed">{g.description}</Text>}
              </div>
              {g.name !== 'default' && (
                <Button size="xs" color="red" variant="light" aria-label={`Delete security group ${g.name}`}
                  onClick={() => window.confirm(`Delete security group ${g.name}?`) && remove(g)}>Delete group</Button>
              )}
            </Group>
            <ResourceTable label={`Rules of ${g.name}`} loading={false} rows={g.security_group_rules}
              empty="No rules (nothing allowed)." columns={['Direction', 'Ether type', 'Protocol', 'Ports', 'Remote', 'Actions']}
              rowKey={(r) => r.id} cells={(r) => (
                <>
                  <Table.Td>{r.direction}</Table.Td>
                  <Table.Td>{r.ethertype}</Table.Td>
                  <Table.Td>{r.protocol ?? 'any'}</Table.Td>
                  <Table.Td>{ports(r)}</Table.Td>
                  <Table.Td>{r.remote_ip_prefix ?? (r.remote_group_id ? `group ${groupName(r.remote_group_id)}` : 'anywhere')}</Table.Td>
                  <Table.Td>
                    <Button size="xs" color="red" variant="light"
                      aria-label={`Delete rule ${r.direction} ${r.protocol ?? 'any'} ${ports(r)} of ${g.name}`}
                      onClick={() => action.run(async () => {
                        await api.api(api.network(`/security-group-rules/${r.id}`), { method: 'DELETE' });
                        await list.reload();
                      })}>Delete</Button>
                  </Table.Td>
                </>
              )} />
            <AddRule group={g} onAdded={list.reload} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function AddRule({ group, onAdded }: { group: Group_; onAdded: () => Promise<void> }) {
  const [direction, setDirection] = useState('ingress');
  const [ethertype, setEthertype] = useState('IPv4');
  const [protocol, setProtocol] = useState('tcp');
  const [portMin, setPortMin] = useState('');
  const [portMax, setPortMax] = useState('');
  const [remote, setRemote] = useState('');
  const action = useAction();
  const withPorts = protocol === 'tcp' || protocol === 'udp';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      const rule: Record<string, unknown> = { security_group_id: group.id, direction, ethertype };
      if (protocol) rule.protocol = protocol;
      if (withPorts && portMin) {
        rule.port_range_min = Number(portMin);
        rule.port_range_max = Number(portMax || portMin);
      }
      if (remote) rule.remote_ip_prefix = remote;
      await api.api(api.network('/security-group-rules'), { method: 'POST', body: { security_group_rule: rule } });
      setPortMin('');
      setPortMax('');
      setRemote('');
      await onAdded();
    });
  };
  const l = (s: string) => `${s} (${group.name})`;
  return (
    <form onSubmit={submit} aria-label={`Add a rule to ${group.name}`}>
      <Stack gap="xs">
        <ErrorAlert error={action.error} title="The rule was not added" />
        <Group align="flex-end" gap="xs">
          <NativeSelect label="Direction" aria-label={l('Direction')} value={direction} onChange={(e) => setDirection(e.currentTarget.value)}
            data={['ingress', 'egress']} />
          <NativeSelect label="Ether type" aria-label={l('Ether type')} value={ethertype} onChange={(e) => setEthertype(e.currentTarget.value)}
            data={['IPv4', 'IPv6']} />
          <NativeSelect label="Protocol" aria-label={l('Protocol')} value={protocol} onChange={(e) => setProtocol(e.currentTarget.value)}
            data={[{ value: 'tcp', label: 'TCP' }, { value: 'udp', label: 'UDP' }, { value: 'icmp', label: 'ICMP' }, { value: '', label: 'Any' }]} />
          <TextInput label="Port from" aria-label={l('Port from')} w={100} disabled={!withPorts} value={portMin}
            onChange={(e) => setPortMin(e.currentTarget.value)} />
          <TextInput label="Port to" aria-label={l('Port to')} w={100} disabled={!withPorts} value={portMax}
            onChange={(e) => setPortMax(e.currentTarget.value)} placeholder="same" />
          <TextInput label="Remote CIDR" aria-label={l('Remote CIDR')} value={remote} onChange={(e) => setRemote(e.currentTarget.value)}
            placeholder="anywhere" />
          <Button type="submit" loading={action.busy} aria-label={`Add rule to ${group.name}`}>Add rule</Button>
        </Group>
      </Stack>
    </form>
  );
}
