import { useCallback, useEffect, useState } from 'react';
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

/** The pages, in the navigation's order; the hash (#/instances) names the page shown. */
const PAGES = [
  { path: 'overview', label: 'Overview', page: Overview },
  { path: 'instances', label: 'Instances', page: Instances },
  { path: 'volumes', label: 'Volumes', page: Volumes },
  { path: 'images', label: 'Images', page: Images },
  { path: 'object-storage', label: 'Object storage', page: ObjectStorage },
  { path: 'key-pairs', label: 'Key pairs', page: KeyPairs },
] as const;

function pageFromHash() {
  const p = window.location.hash.replace(/^#\/?/, '');
  return PAGES.find((x) => x.path === p) ?? PAGES[0];
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
  const [page, setPage] = useState(pageFromHash);
  const [now, setNow] = useState(Date.now());
  const [switchError, setSwitchError] = useState<unknown>(null);

  useEffect(() => {
    const f = () => setPage(pageFromHash());
    window.addEventListener('hashchange', f);
    const t = setInterval(() => setNow(Date.now()), 30000);
    return () => {
      window.removeEventListener('hashchange', f);
      clearInterval(t);
    };
  }, []);

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
          {PAGES.map((p) => (
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
