import { FormEvent, useState } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, Table, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, useAction, useLoad } from '../common';
import { Network, netLabel, Port } from './Networks';

interface FloatingIp {
  id: string;
  floating_ip_address: string;
  floating_network_id: string;
  fixed_ip_address?: string | null;
  port_id?: string | null;
  status: string;
}
interface Server { id: string; name: string }

export function FloatingIps() {
  const ips = useLoad(() => api.api<{ floatingips: FloatingIp[] }>(api.network('/floatingips')), 5000);
  const networks = useLoad(() => api.api<{ networks: Network[] }>(api.network('/networks?router:external=true')));
  const ports = useLoad(() => api.api<{ ports: Port[] }>(api.network('/ports')), 10000);
  const servers = useLoad(() => api.api<{ servers: Server[] }>(api.compute('/servers')), 10000);
  const [pool, setPool] = useState('');
  const [associating, setAssociating] = useState<FloatingIp | null>(null);
  const action = useAction();

  const externals = networks.data?.networks ?? [];
  const allocate = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await api.api(api.network('/floatingips'), { method: 'POST', body: { floatingip: { floating_network_id: pool || externals[0]?.id } } });
      await ips.reload();
    });
  };
  const update = (f: FloatingIp, port_id: string | null) =>
    action.run(async () => {
      await api.api(api.network(`/floatingips/${f.id}`), { method: 'PUT', body: { floatingip: { port_id } } });
      await ips.reload();
    });
  const release = (f: FloatingIp) =>
    action.run(async () => {
      await api.api(api.network(`/floatingips/${f.id}`), { method: 'DELETE' });
      await ips.reload();
    });
  const serverName = (id: string) => servers.data?.servers.find((s) => s.id === id)?.name ?? id;
  // an instance's ports, and ports made by hand (a VIP, say); not the network's own (router, DHCP, floating IP)
  const targets = (ports.data?.ports ?? []).filter((p) => !p.device_owner.startsWith('network:') && p.fixed_ips.length > 0);
  const portLabel = (p: Port) => {
    const owner = p.device_owner.startsWith('compute:') ? serverName(p.device_id) : `port ${p.name || p.id}`;
    return `${owner} ${p.fixed_ips.map((f) => f.ip_address).join(', ')}`;
  };
  const attachedTo = (f: FloatingIp) => {
    const p = (ports.data?.ports ?? []).find((x) => x.id === f.port_id);
    return p ? portLabel(p) : f.fixed_ip_address ?? '';
  };

  return (
    <Stack>
      <Title order={2}>Floating IPs</Title>
      <ErrorAlert error={ips.error ?? networks.error} title="Could not list floating IPs" />
      <ErrorAlert error={action.error} title="The action failed" />
      <form onSubmit={allocate} aria-label="Allocate a floating IP">
        <Group align="flex-end">
          <NativeSelect label="Pool (external network)" value={pool} onChange={(e) => setPool(e.currentTarget.value)}
            data={externals.length ? externals.map((n) => ({ value: n.id, label: netLabel(n) })) : [{ value: '', label: 'No external network' }]} />
          <Button type="submit" loading={action.busy} disabled={externals.length === 0}>Allocate floating IP</Button>
        </Group>
      </form>
      <ResourceTable label="Floating IPs" loading={ips.loading} rows={ips.data?.floatingips ?? null}
        empty="No floating IPs." columns={['Address', 'Pool', 'Associated with', 'Status', 'Actions']}
        rowKey={(f) => f.id} cells={(f) => (
          <>
            <Table.Td>{f.floating_ip_address}</Table.Td>
            <Table.Td>{netLabel(externals.find((n) => n.id === f.floating_network_id) ?? { id: f.floating_network_id, name: '' })}</Table.Td>
            <Table.Td>{f.port_id ? attachedTo(f) : ''}</Table.Td>
            <Table.Td>{f.status}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {f.port_id ? (
                  <Button size="xs" variant="light" aria-label={`Disassociate ${f.floating_ip_address}`} onClick={() => update(f, null)}>Disassociate</Button>
                ) : (
                  <Button size="xs" variant="light" aria-label={`Associate ${f.floating_ip_address}`} onClick={() => setAssociating(f)}>Associate</Button>
                )}
                <Button size="xs" color="red" variant="light" aria-label={`Release ${f.floating_ip_address}`}
                  onClick={() => window.confirm(`Release ${f.floating_ip_address}?`) && release(f)}>Release</Button>
              </Group>
            </Table.Td>
          </>
        )} />
      {associating && (
        <Associate ip={associating} ports={targets} portLabel={portLabel} onClose={() => setAssociating(null)}
          onDone={async (port) => { const f = associating; setAssociating(null); await update(f, port); }} />
      )}
    </Stack>
  );
}

function Associate({ ip, ports, portLabel, onClose, onDone }: {
  ip: FloatingIp; ports: Port[]; portLabel: (p: Port) => string; onClose: () => void; onDone: (port: string) => void;
}) {
  const [port, setPort] = useState('');
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close dialog' }} title={`Associate ${ip.floating_ip_address}`}>
      <form onSubmit={(e) => { e.preventDefault(); onDone(port); }}>
        <Stack>
          <NativeSelect label="Port" required value={port} onChange={(e) => setPort(e.currentTarget.value)}
            data={[{ value: '', label: 'Choose an instance or port' }, ...ports.map((p) => ({ value: p.id, label: portLabel(p) }))]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit">Associate</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
