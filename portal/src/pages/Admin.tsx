import { FormEvent, ReactNode, useState } from 'react';
import { Badge, Button, Group, NativeSelect, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { ErrorAlert, ResourceTable, useAction, useLoad } from '../common';

interface Project { id: string; name: string; enabled: boolean; description?: string; domain_id: string }
interface User { id: string; name: string; enabled: boolean; domain_id: string; default_project_id?: string }
interface Role { id: string; name: string }
interface Assignment {
  role: { id: string; name?: string };
  user?: { id: string; name?: string };
  group?: { id: string; name?: string };
  scope: { project?: { id: string; name?: string }; domain?: { id: string; name?: string }; system?: unknown };
}
interface Hypervisor {
  id: number | string;
  hypervisor_hostname: string;
  state: string;
  status: string;
  vcpus: number;
  vcpus_used: number;
  memory_mb: number;
  memory_mb_used: number;
  local_gb: number;
  local_gb_used: number;
  running_vms: number;
}
interface ComputeService { id: number | string; binary: string; host: string; state: string; status: string; zone?: string }
interface CatalogService { id: string; name?: string; type: string; enabled?: boolean }

const identity = (p: string) => '/identity/v3' + p;

/** The cloud's administration, for tokens with the admin role only (App hides it from everyone else; the APIs
 * answer 403 to them regardless). */
export function Admin() {
  return (
    <Stack>
      <Title order={2}>Administration</Title>
      <Projects />
      <Users />
      <Assignments />
      <Hypervisors />
      <Services />
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack component="section" aria-label={title} gap="xs">
      <Title order={3}>{title}</Title>
      {children}
    </Stack>
  );
}

function Projects() {
  const list = useLoad(() => api.api<{ projects: Project[] }>(identity('/projects')));
  const [name, setName] = useState('');
  const action = useAction();
  const create = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await api.api(identity('/projects'), { method: 'POST', body: { project: { name, domain_id: 'default' } } });
      setName('');
      await list.reload();
    });
  };
  return (
    <Section title="Projects">
      <ErrorAlert error={list.error ?? action.error} title="Projects" />
      <form onSubmit={create} aria-label="Create a project">
        <Group align="flex-end">
          <TextInput label="Project name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Button type="submit" loading={action.busy}>Create project</Button>
        </Group>
      </form>
      <ResourceTable label="Projects" loading={list.loading} rows={list.data?.projects ?? null} empty="No projects."
        columns={['Name', 'ID', 'Domain', 'Enabled']} rowKey={(p) => p.id} cells={(p) => (
          <>
            <Table.Td>{p.name}</Table.Td>
            <Table.Td><Text size="xs" ff="monospace">{p.id}</Text></Table.Td>
            <Table.Td>{p.domain_id}</Table.Td>
            <Table.Td>{p.enabled ? 'yes' : 'no'}</Table.Td>
          </>
        )} />
    </Section>
  );
}

function Users() {
  const list = useLoad(() => api.api<{ users: User[] }>(identity('/users')));
  return (
    <Section title="Users">
      <ErrorAlert error={list.error} title="Users" />
      <ResourceTable label="Users" loading={list.loading} rows={list.data?.users ?? null} empty="No users."
        columns={['Name', 'ID', 'Domain', 'Enabled']} rowKey={(u) => u.id} cells={(u) => (
          <>
            <Table.Td>{u.name}</Table.Td>
            <Table.Td><Text size="xs" ff="monospace">{u.id}</Text></Table.Td>
            <Table.Td>{u.domain_id}</Table.Td>
            <Table.Td>{u.enabled ? 'yes' : 'no'}</Table.Td>
          </>
        )} />
    </Section>
  );
}

function Assignments() {
  const list = useLoad(() => api.api<{ role_assignments: Assignment[] }>(identity('/role_assignments?include_names=true')));
  const roles = useLoad(() => api.api<{ roles: Role[] }>(identity('/roles')));
  const users = useLoad(() => api.api<{ users: User[] }>(identity('/users')));
  const projects = useLoad(() => api.api<{ projects: Project[] }>(identity('/projects')));
  const [user, setUser] = useState('');
  const [project, setProject] = useState('');
  const [role, setRole] = useState('');
  const action = useAction();
  const path = (a: { user: string; project: string; role: string }) => identity(`/projects/${a.project}/users/${a.user}/roles/${a.role}`);
  const grant = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await api.api(path({ user, project, role }), { method: 'PUT' });
      await list.reload();
    });
  };
  const revoke = (a: Assignment) =>
    action.run(async () => {
      await api.api(path({ user: a.user!.id, project: a.scope.project!.id, role: a.role.id }), { method: 'DELETE' });
      await list.reload();
    });
  const scope = (a: Assignment) =>
    a.scope.project ? `project ${a.scope.project.name ?? a.scope.project.id}`
      : a.scope.domain ? `domain ${a.scope.domain.name ?? a.scope.domain.id}` : 'system';
  const who = (a: Assignment) => a.user ? `user ${a.user.name ?? a.user.id}` : `group ${a.group?.name ?? a.group?.id}`;
  const opts = (label: string, xs: { id: string; name: string }[]) => [{ value: '', label }, ...xs.map((x) => ({ value: x.id, label: x.name }))];
  return (
    <Section title="Roles and assignments">
      <ErrorAlert error={list.error ?? roles.error ?? action.error} title="Role assignments" />
      <Text size="sm">Roles: {(roles.data?.roles ?? []).map((r) => r.name).sort().join(', ')}</Text>
      <form onSubmit={grant} aria-label="Grant a role">
        <Group align="flex-end">
          <NativeSelect label="User" required value={user} onChange={(e) => setUser(e.currentTarget.value)} data={opts('Choose a user', users.data?.users ?? [])} />
          <NativeSelect label="On project" required value={project} onChange={(e) => setProject(e.currentTarget.value)} data={opts('Choose a project', projects.data?.projects ?? [])} />
          <NativeSelect label="Role" required value={role} onChange={(e) => setRole(e.currentTarget.value)} data={opts('Choose a role', roles.data?.roles ?? [])} />
          <Button type="submit" loading={action.busy}>Grant role</Button>
        </Group>
      </form>
      <ResourceTable label="Role assignments" loading={list.loading} rows={list.data?.role_assignments ?? null} empty="No assignments."
        columns={['Role', 'Who', 'Scope', 'Actions']} rowKey={(a) => `${a.role.id}/${who(a)}/${scope(a)}`} cells={(a) => (
          <>
            <Table.Td>{a.role.name ?? a.role.id}</Table.Td>
            <Table.Td>{who(a)}</Table.Td>
            <Table.Td>{scope(a)}</Table.Td>
            <Table.Td>
              {a.user && a.scope.project && (
                <Button size="xs" color="red" variant="light" aria-label={`Revoke ${a.role.name} of ${who(a)} on ${scope(a)}`}
                  onClick={() => window.confirm(`Revoke ${a.role.name} of ${who(a)} on ${scope(a)}?`) && revoke(a)}>Revoke</Button>
              )}
            </Table.Td>
          </>
        )} />
    </Section>
  );
}

function Usage({ label, used, total, unit }: { label: string; used: number; total: number; unit: string }) {
  return (
    <Stack gap={0} miw={140}>
      <Text size="xs">{used} of {total} {unit}</Text>
      <Progress value={total ? (100 * used) / total : 0} aria-label={`${label}: ${used} of ${total} ${unit}`} />
    </Stack>
  );
}

function Hypervisors() {
  const list = useLoad(() => api.api<{ hypervisors: Hypervisor[] }>(api.compute('/os-hypervisors/detail')), 10000);
  return (
    <Section title="Hypervisors">
      <ErrorAlert error={list.error} title="Hypervisors" />
      <ResourceTable label="Hypervisors" loading={list.loading} rows={list.data?.hypervisors ?? null} empty="No hypervisors."
        columns={['Host', 'State', 'vCPUs', 'RAM', 'Disk', 'Instances']} rowKey={(h) => String(h.id)} cells={(h) => (
          <>
            <Table.Td>{h.hypervisor_hostname}</Table.Td>
            <Table.Td><Badge color={h.state === 'up' ? 'green' : 'red'}>{h.state}</Badge> {h.status}</Table.Td>
            <Table.Td><Usage label={`vCPUs of ${h.hypervisor_hostname}`} used={h.vcpus_used} total={h.vcpus} unit="vCPU" /></Table.Td>
            <Table.Td><Usage label={`RAM of ${h.hypervisor_hostname}`} used={h.memory_mb_used} total={h.memory_mb} unit="MiB" /></Table.Td>
            <Table.Td><Usage label={`Disk of ${h.hypervisor_hostname}`} used={h.local_gb_used} total={h.local_gb} unit="GiB" /></Table.Td>
            <Table.Td>{h.running_vms}</Table.Td>
          </>
        )} />
    </Section>
  );
}

function Services() {
  const compute = useLoad(() => api.api<{ services: ComputeService[] }>(api.compute('/os-services')), 10000);
  const catalog = useLoad(() => api.api<{ services: CatalogService[] }>(identity('/services')));
  return (
    <Section title="Services">
      <ErrorAlert error={compute.error ?? catalog.error} title="Services" />
      <ResourceTable label="Compute services" loading={compute.loading} rows={compute.data?.services ?? null} empty="No compute services."
        columns={['Binary', 'Host', 'Zone', 'Status', 'State']} rowKey={(s) => String(s.id)} cells={(s) => (
          <>
            <Table.Td>{s.binary}</Table.Td>
            <Table.Td>{s.host}</Table.Td>
            <Table.Td>{s.zone}</Table.Td>
            <Table.Td>{s.status}</Table.Td>
            <Table.Td><Badge color={s.state === 'up' ? 'green' : 'red'}>{s.state}</Badge></Table.Td>
          </>
        )} />
      <ResourceTable label="Catalog" loading={catalog.loading} rows={catalog.data?.services ?? null} empty="No services."
        columns={['Name', 'Type', 'Enabled']} rowKey={(s) => s.id} cells={(s) => (
          <>
            <Table.Td>{s.name}</Table.Td>
            <Table.Td>{s.type}</Table.Td>
            <Table.Td>{s.enabled === false ? 'no' : 'yes'}</Table.Td>
          </>
        )} />
    </Section>
  );
}
