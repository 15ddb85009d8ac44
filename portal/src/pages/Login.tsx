import { FormEvent, useState } from 'react';
import { Alert, Button, Card, Center, PasswordInput, SegmentedControl, Stack, TextInput, Title } from '@mantine/core';
import * as api from '../api';
import { Session } from '../api';
import { ErrorAlert } from '../common';

export function Login({ onLogin, notice }: { onLogin: (s: Session) => void; notice: string | null }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [domain, setDomain] = useState('Default');
  const [method, setMethod] = useState<'password' | 'application_credential'>('password');
  const [credentialId, setCredentialId] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(method === 'password'
        ? await api.login(user, password, domain, localStorage.getItem('nubo.project') ?? undefined)
        : await api.loginWithApplicationCredential(credentialId.trim(), secret));
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
            <SegmentedControl aria-label="Log in with" value={method} fullWidth
              onChange={(v) => setMethod(v as 'password' | 'application_credential')}
              data={[{ value: 'password', label: 'User and password' },
                { value: 'application_credential', label: 'App credential' }]} />
            {method === 'password' ? (
              <>
                <TextInput label="User name" required autoComplete="username" value={user}
                  onChange={(e) => setUser(e.currentTarget.value)} />
                <PasswordInput label="Password" required autoComplete="current-password" value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)} />
                <TextInput label="Domain" required value={domain} onChange={(e) => setDomain(e.currentTarget.value)} />
              </>
            ) : (
              <>
                <TextInput label="Application credential ID" required autoComplete="username" value={credentialId}
                  onChange={(e) => setCredentialId(e.currentTarget.value)} />
                <PasswordInput label="Secret" required autoComplete="current-password" value={secret}
                  onChange={(e) => setSecret(e.currentTarget.value)} />
              </>
            )}
            <Button type="submit" loading={busy}>
              Log in
            </Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
