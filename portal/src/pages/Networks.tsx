import { FormEvent, useState } from 'react';
import { Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, useAction, useLoad } from '../common';

export interface Network {
  id: string;
  name: string;
  status: string;
  shared?: boolean;
  'router:external'?: boolean;
  subnets: string[];
  project_id?: string;
}
export interface Subnet { id: string; name: string; network_id: string; cidr: string; gateway_ip?: string | null; ip_version: number }
export interface Port {
  id: string;
  name: string;
  network_id: string;
  device_id: string;
  device_owner: string;
  fixed_ips: { subnet_id: string; ip_address: string }[];
}
export interface Router {
  id: string;
  name: string;
  status: string;
  external_gateway_info?: { network_id: string; external_fixed_ips?: { ip_address: string }[] } | null;
}
interface Server { id: string; name: string }

export const netLabel = (n: { name: string; id: string }) => n.name || n.id;

/** Everything the networks page and its topology show, in one load: networks, subnets, routers, ports, servers. */
async function loadAll() {
  const [networks, subnets, routers, ports, servers] = await Promise.all([
    api.api<{ networks: Network[] }>(api.network('/networks')),
    api.api<{ subnets: Subnet[] }>(api.network('/subnets')),
    api.api<{ routers: Router[] }>(api.network('/routers')),
    api.api<{ ports: Port[] }>(api.network('/ports')),
    api.api<{ servers: Server[] }>(api.compute('/servers')),
  ]);
  return {
    networks: networks.networks, subnets: subnets.subnets, routers: routers.routers, ports: ports.ports,
    servers: servers.servers,
  };
}
type All = Awaited<ReturnType<typeof loadAll>>;

export function Networks() {
  const all = useLoad(loadAll, 5000);
  const [name, setName] = useState('');
  const [subnetName, setSubnetName] = useState('');
  const [cidr, setCidr] = useState('');
  const [gateway, setGateway] = useState('');
  const [dhcp, setDhcp] = useState(true);
  const action = useAction();

  const create = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      const { network } = await api.api<{ network: Network }>(api.network('/networks'), {
        method: 'POST', body: { network: { name } },
      });
      if (cidr) {
        const subnet: Record<string, unknown> = {
          network_id: network.id, ip_version: cidr.includes(':') ? 6 : 4, cidr, enable_dhcp: dhcp,
          name: subnetName || `${name}-subnet`,
        };
        if (gateway) subnet.gateway_ip = gateway;
        try {
          await api.api(api.network('/subnets'), { method: 'POST', body: { subnet } });
        } catch (err) {
          // a network without the subnet the user asked for is not what they wanted: remove it, then say why
          await api.api(api.network(`/networks/${network.id}`), { method: 'DELETE' }).catch(() => {});
          throw err;
        }
      }
      setName('');
      setSubnetName('');
      setCidr('');
      setGateway('');
      await all.reload();
    });
  };
  const removeNetwork = (n: Network) =>
    action.run(async () => {
      await api.api(api.network(`/networks/${n.id}`), { method: 'DELETE' });
      await all.reload();
    });
  const removeSubnet = (s: Subnet) =>
    action.run(async () => {
      await api.api(api.network(`/subnets/${s.id}`), { method: 'DELETE' });
      await all.reload();
    });

  const subnetsOf = (n: Network) => (all.data?.subnets ?? []).filter((s) => s.network_id === n.id);
  const mine = (n: Network) => n.project_id === api.session().project.id;
  return (
    <Stack>
      <Title order={2}>Networks</Title>
      <ErrorAlert error={all.error} title="Could not list networks" />
      <ErrorAlert error={action.error} title="The action failed" />
      <form onSubmit={create} aria-label="Create a network">
        <Group align="flex-end">
          <TextInput label="Network name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label="Subnet CIDR" placeholder="10.0.0.0/24 (none: no subnet)" value={cidr}
            onChange={(e) => setCidr(e.currentTarget.value)} />
          <TextInput label="Subnet name" placeholder="network name-subnet" value={subnetName}
            onChange={(e) => setSubnetName(e.currentTarget.value)} />
          <TextInput label="Gateway" placeholder="first address" value={gateway} onChange={(e) => setGateway(e.currentTarget.value)} />
          <Checkbox label="DHCP" checked={dhcp} onChange={(e) => setDhcp(e.currentTarget.checked)} mb={8} />
          <Button type="submit" loading={action.busy}>Create network</Button>
        </Group>
      </form>
      <ResourceTable label="Networks" loading={all.loading} rows={all.data?.networks ?? null}
        empty="No networks." columns={['Name', 'Subnets', 'Status', 'Kind', 'Actions']}
        rowKey={(n) => n.id} rowTestId={(n) => 'network-' + n.name} cells={(n) => (
          <>
            <Table.Td>{netLabel(n)}</Table.Td>
            <Table.Td>
              <Stack gap={2}>
                {subnetsOf(n).map((s) => (
                  <Group key={s.id} gap={6} wrap="nowrap">
                    <Text size="sm">{netLabel(s)} {s.cidr}{s.gateway_ip ? ` (gateway ${s.gateway_ip})` : ''}</Text>
                    {mine(n) && (
                      <Button size="compact-xs" color="red" variant="subtle" aria-label={`Delete subnet ${netLabel(s)}`}
                        onClick={() => window.confirm(`Delete subnet ${netLabel(s)}?`) && removeSubnet(s)}>Delete</Button>
                    )}
                  </Group>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td><Badge color={n.status === 'ACTIVE' ? 'green' : 'gray'}>{n.status}</Badge></Table.Td>
            <Table.Td>{[n['router:external'] && 'external', n.shared && 'shared', mine(n) && 'own'].filter(Boolean).join(', ')}</Table.Td>
            <Table.Td>
              {mine(n) && (
                <Button size="xs" color="red" variant="light" aria-label={`Delete network ${netLabel(n)}`}
                  onClick={() => window.confirm(`Delete network ${netLabel(n)}?`) && removeNetwork(n)}>Delete</Button>
              )}
            </Table.Td>
          </>
        )} />
      {all.data && <Topology all={all.data} />}
    </Stack>
  );
}

/** The project's topology as nested lists (read by screen readers as they are): each network with its subnets,
 * the routers on it (and whether it is their gateway) and the instances with an address on it. */
function Topology({ all }: { all: All }) {
  const serverName = (id: string) => all.servers.find((s) => s.id === id)?.name ?? id;
  const routerName = (id: string) => netLabel(all.routers.find((r) => r.id === id) ?? { id, name: '' });
  return (
    <section aria-label="Topology">
      <Title order={3} mb="xs">Topology</Title>
      <ul className="topology">
        {all.networks.map((n) => {
          const ports = all.ports.filter((p) => p.network_id === n.id);
          const routers = [
            ...all.routers.filter((r) => r.external_gateway_info?.network_id === n.id).map((r) => `${netLabel(r)} (gateway)`),
            ...ports.filter((p) => p.device_owner === 'network:router_interface')
              .map((p) => `${routerName(p.device_id)} (${p.fixed_ips.map((f) => f.ip_address).join(', ')})`),
          ];
          const servers = ports.filter((p) => p.device_owner.startsWith('compute:'))
            .map((p) => `${serverName(p.device_id)} (${p.fixed_ips.map((f) => f.ip_address).join(', ')})`);
          return (
            <li key={n.id} aria-label={`Network ${netLabel(n)}`}>
              <Text fw={600}>{netLabel(n)} {n['router:external'] ? '(external)' : ''}</Text>
              <ul>
                <li>Subnets: {all.subnets.filter((s) => s.network_id === n.id).map((s) => s.cidr).join(', ') || 'none'}</li>
                <li>Routers: {routers.join(', ') || 'none'}</li>
                <li>Instances: {servers.join(', ') || 'none'}</li>
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
