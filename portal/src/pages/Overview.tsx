import { Button, Card, Group, Loader, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, saveBlob, useLoad } from '../common';

interface Usage { label: string; used: number; limit: number; unit?: (n: number) => string }

function UsageBar({ u }: { u: Usage }) {
  const fmt = u.unit ?? String;
  const unlimited = u.limit < 0;
  const pct = unlimited || u.limit === 0 ? 0 : Math.min(100, (100 * u.used) / u.limit);
  return (
    <Stack gap={2}>
      <Group justify="space-between">
        <Text size="sm">{u.label}</Text>
        <Text size="sm" data-testid={'usage-' + u.label}>
          {fmt(u.used)} of {unlimited ? 'unlimited' : fmt(u.limit)}
        </Text>
      </Group>
      <Progress value={pct} color={pct > 90 ? 'red' : pct > 70 ? 'yellow' : 'blue'}
        aria-label={`${u.label}: ${fmt(u.used)} of ${unlimited ? 'unlimited' : fmt(u.limit)}`} />
    </Stack>
  );
}

function UsageCard({ title, load }: { title: string; load: () => Promise<Usage[]> }) {
  const r = useLoad(load);
  return (
    <Card withBorder component="section" aria-label={title}>
      <Stack>
        <Title order={3}>{title}</Title>
        {r.loading && <Loader size="sm" aria-label={`Loading ${title}`} />}
        <ErrorAlert error={r.error} title={`Could not read ${title.toLowerCase()}`} />
        {r.data?.map((u) => <UsageBar key={u.label} u={u} />)}
      </Stack>
    </Card>
  );
}

const mib = (n: number) => api.sizeLabel(n * 1024 * 1024);
const gib = (n: number) => `${n} GiB`;

async function computeUsage(): Promise<Usage[]> {
  const { limits } = await api.api<{ limits: { absolute: Record<string, number> } }>(api.compute('/limits'));
  const a = limits.absolute;
  return [
    { label: 'Instances', used: a.totalInstancesUsed, limit: a.maxTotalInstances },
    { label: 'vCPUs', used: a.totalCoresUsed, limit: a.maxTotalCores },
    { label: 'RAM', used: a.totalRAMUsed, limit: a.maxTotalRAMSize, unit: mib },
  ];
}

async function volumeUsage(): Promise<Usage[]> {
  const { limits } = await api.api<{ limits: { absolute: Record<string, number> } }>(api.volume('/limits'));
  const a = limits.absolute;
  return [
    { label: 'Volumes', used: a.totalVolumesUsed, limit: a.maxTotalVolumes },
    { label: 'Volume storage', used: a.totalGigabytesUsed, limit: a.maxTotalVolumeGigabytes, unit: gib },
  ];
}

async function networkUsage(): Promise<Usage[]> {
  const { quota } = await api.api<{ quota: Record<string, { used: number; limit: number }> }>(
    api.network(`/quotas/${api.session().project.id}/details`),
  );
  const names: [string, string][] = [
    ['network', 'Networks'],
    ['subnet', 'Subnets'],
    ['port', 'Ports'],
    ['router', 'Routers'],
    ['floatingip', 'Floating IPs'],
    ['security_group', 'Security groups'],
  ];
  return names.filter(([k]) => quota[k]).map(([k, label]) => ({ label, used: quota[k].used, limit: quota[k].limit }));
}

function monthStart(now = new Date()) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().replace('.000', '');
}

function Cost() {
  const r = useLoad(() =>
    api.api<{ results: { rate: number }[] }>(
      `/rating/v2/summary?response_format=object&begin=${encodeURIComponent(monthStart())}`,
    ),
  );
  const total = (r.data?.results ?? []).reduce((s, x) => s + Number(x.rate), 0);
  return (
    <Card withBorder component="section" aria-label="Cost this month">
      <Stack>
        <Title order={3}>Cost this month</Title>
        {r.loading && <Loader size="sm" aria-label="Loading cost" />}
        <ErrorAlert error={r.error} title="Could not read the cost" />
        {r.data && (
          <Text size="xl" data-testid="cost">
            {total.toFixed(2)}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Rated by the metering service since {monthStart().slice(0, 10)}.
        </Text>
      </Stack>
    </Card>
  );
}

/** A clouds.yaml for this user and project, as `openstack --os-cloud nubo` reads it: the password is not in it
 * (the portal never keeps it); the user adds it, or the client asks for it. */
export function cloudsYaml(s: api.Session, origin = window.location.origin) {
  const q = (v: string) => JSON.stringify(v);
  return [
    '# clouds.yaml for ' + s.user.name + ' in project ' + s.project.name + ', written by the Nubo portal.',
    '# Put it in ~/.config/openstack/ and run: openstack --os-cloud nubo server list',
    'clouds:',
    '  nubo:',
    '    auth:',
    `      auth_url: ${q(origin + '/identity/v3')}`,
    `      username: ${q(s.user.name)}`,
    `      user_domain_name: ${q(s.user.domain)}`,
    `      project_id: ${q(s.project.id)}`,
    `      project_name: ${q(s.project.name)}`,
    '      # password: your password (not written here)',
    '    identity_api_version: 3',
    '    interface: public',
    '',
  ].join('\n');
}

const downloadCloudsYaml = () => saveBlob(new Blob([cloudsYaml(api.session())], { type: 'application/x-yaml' }), 'clouds.yaml');

export function Overview() {
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Overview of {api.session().project.name}</Title>
        <Button variant="default" onClick={downloadCloudsYaml}>Download clouds.yaml</Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <UsageCard title="Compute" load={computeUsage} />
        <UsageCard title="Block storage" load={volumeUsage} />
        <UsageCard title="Network" load={networkUsage} />
        <Cost />
      </SimpleGrid>
    </Stack>
  );
}
