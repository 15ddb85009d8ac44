import { FormEvent, useState } from 'react';
import { Alert, Button, Card, Center, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { Session } from '../api';
import { ErrorAlert } from '../common';

export function Login({ onLogin, notice }: { onLogin: (s: Session) => void; notice: string | null }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [domain, setDomain] = useState('Default');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await api.login(user, password, domain, localStorage.getItem('nubo.project') ?? undefined));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Card withBorder shadow="sm" p="lg" w="100%" maw={400} component="main">
        <form onSubmit={submit} aria-label="Log in">
          <Stack>
            <Title order={2}>Log in to Nubo</Title>
            {notice && (
              <Alert color="blue" role="status">
                {notice}
              </Alert>
            )}
            <ErrorAlert error={error} title="Login failed" />
            <TextInput label="User name" required autoComplete="username" value={user}
              onChange={(e) => setUser(e.currentTarget.value)} />
            <PasswordInput label="Password" required autoComplete="current-password" value={password}
              onChange={(e) => setPassword(e.currentTarget.value)} />
            <TextInput label="Domain" required value={domain} onChange={(e) => setDomain(e.currentTarget.value)} />
            <Button type="submit" loading={busy}>
              Log in
            </Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
