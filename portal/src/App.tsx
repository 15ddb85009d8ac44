import { ComponentType, useCallback, useEffect, useState } from 'react';
import { AppShell, Burger, Button, Group, NativeSelect, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import * as api from './api';
import { Session } from './api';
import { ErrorAlert } from './common';
import { Login } from './pages/Login';
import { Overview } from './pages/Overview';
import { Instances } from './pages/Instances';
import { Images } from './pages/Images';
import { Volumes } from './pages/Volumes';
import { ObjectStorage } from './pages/ObjectStorage';
import { KeyPairs } from './pages/KeyPairs';
import { Networks } from './pages/Networks';
import { Routers } from './pages/Routers';
import { FloatingIps } from './pages/FloatingIps';
import { SecurityGroups } from './pages/SecurityGroups';
import { Admin } from './pages/Admin';

/** The pages, in the navigation's order; the hash (#/instances) names the page shown. `admin`: shown only to a
 * token with the admin role (the API refuses the calls to anyone else anyway). */
const PAGES: { path: string; label: string; page: ComponentType; admin?: boolean }[] = [
  { path: 'overview', label: 'Overview', page: Overview },
  { path: 'instances', label: 'Instances', page: Instances },
  { path: 'volumes', label: 'Volumes', page: Volumes },
  { path: 'images', label: 'Images', page: Images },
  { path: 'object-storage', label: 'Object storage', page: ObjectStorage },
  { path: 'networks', label: 'Networks', page: Networks },
  { path: 'routers', label: 'Routers', page: Routers },
  { path: 'floating-ips', label: 'Floating IPs', page: FloatingIps },
  { path: 'security-groups', label: 'Security groups', page: SecurityGroups },
  { path: 'key-pairs', label: 'Key pairs', page: KeyPairs },
  { path: 'admin', label: 'Admin', page: Admin, admin: true },
];

const isAdmin = (s: Session) => s.roles.includes('admin');
const pagesFor = (s: Session) => PAGES.filter((p) => !p.admin || isAdmin(s));

function pageFromHash(s: Session) {
  const p = window.location.hash.replace(/^#\/?/, '');
  const pages = pagesFor(s);
  return pages.find((x) => x.path === p) ?? pages[0];
}

export function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const s = api.loadSession();
    api.useToken(s);
    return s;
  });
  const [notice, setNotice] = useState<string | null>(null);

  const end = useCallback((why: string | null) => {
    api.saveSession(null);
    api.useToken(null);
    setSession(null);
    setNotice(why);
  }, []);

  const begin = useCallback((s: Session) => {
    api.saveSession(s);
    api.useToken(s);
    localStorage.setItem('nubo.project', s.project.id);
    setNotice(null);
    setSession(s);
  }, []);

  useEffect(() => {
    api.setUnauthorizedHandler(() => end('Your session has ended (the token expired or was revoked). Please log in again.'));
  }, [end]);

  // back to the login page when the token expires, even if nothing is being loaded
  useEffect(() => {
    if (!session) return;
    const t = setInterval(() => {
      if (api.expired(session)) end('Your session expired. Please log in again.');
    }, 5000);
    return () => clearInterval(t);
  }, [session, end]);

  if (!session) return <Login onLogin={begin} notice={notice} />;
  return <Shell session={session} onSwitch={begin} onLogout={() => end('You have logged out.')} />;
}

function expiryLabel(s: Session, now: number) {
  const at = new Date(s.expiresAt);
  const minutes = Math.max(0, Math.round((at.getTime() - now) / 60000));
  return `Session expires at ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} (in ${minutes} min)`;
}

function Shell({
  session,
  onSwitch,
  onLogout,
}: {
  session: Session;
  onSwitch: (s: Session) => void;
  onLogout: () => void;
}) {
  const [opened, { toggle, close }] = useDisclosure();
  const [page, setPage] = useState(() => pageFromHash(session));
  const [now, setNow] = useState(Date.now());
  const [switchError, setSwitchError] = useState<unknown>(null);

  useEffect(() => {
    const f = () => setPage(pageFromHash(session));
    window.addEventListener('hashchange', f);
    const t = setInterval(() => setNow(Date.now()), 30000);
    return () => {
      window.removeEventListener('hashchange', f);
      clearInterval(t);
    };
  }, [session]);
  useEffect(() => setPage(pageFromHash(session)), [session]);

  const switchProject = async (id: string) => {
    const p = session.projects.find((x) => x.id === id);
    if (!p || p.id === session.project.id) return;
    setSwitchError(null);
    try {
      onSwitch(await api.scope(session.unscoped, p, session.projects));
    } catch (e) {
      setSwitchError(e);
    }
  };

  const logout = async () => {
    await api.logout(session);
    onLogout();
  };

  const Page = page.page;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap" gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={3}>Nubo</Title>
          </Group>
          <Group wrap="nowrap" gap="sm">
            <NativeSelect
              aria-label="Project"
              value={session.project.id}
              onChange={(e) => switchProject(e.currentTarget.value)}
              data={session.projects.map((p) => ({ value: p.id, label: p.name }))}
            />
            <Text size="sm" visibleFrom="md" data-testid="user">
              {session.user.name}
            </Text>
            <Button variant="default" onClick={logout}>
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Pages">
        <nav>
          {pagesFor(session).map((p) => (
            <NavLink
              key={p.path}
              href={'#/' + p.path}
              label={p.label}
              active={p.path === page.path}
              aria-current={p.path === page.path ? 'page' : undefined}
              onClick={close}
            />
          ))}
        </nav>
        <Text size="xs" c="dimmed" mt="auto" p="xs" data-testid="expiry">
          {expiryLabel(session, now)}
        </Text>
      </AppShell.Navbar>
      <AppShell.Main>
        <ErrorAlert error={switchError} title="Could not switch project" />
        {/* a new key per project: every page loads again for the new scope */}
        <main key={session.project.id}>
          <Page />
        </main>
      </AppShell.Main>
    </AppShell>
  );
}
