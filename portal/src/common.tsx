import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert } from '@mantine/core';
import { ApiError } from './api';

export function message(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** An API error shown with the service's own message; nothing fails silently. */
export function ErrorAlert({ error, title = 'Error' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" title={title} role="alert" withCloseButton={false}>
      {message(error)}
    </Alert>
  );
}

/** Loads data on mount and every `intervalMs` (when given); `reload` loads again at once. */
export function useLoad<T>(load: () => Promise<T>, intervalMs?: number, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const alive = useRef(true);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    try {
      const d = await run();
      if (alive.current) {
        setData(d);
        setError(null);
      }
    } catch (e) {
      if (alive.current) setError(e);
    } finally {
      if (alive.current) setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    alive.current = true;
    reload();
    const t = intervalMs ? setInterval(reload, intervalMs) : undefined;
    return () => {
      alive.current = false;
      if (t) clearInterval(t);
    };
  }, [reload, intervalMs]);
  return { data, error, loading, reload };
}

/** Runs an action, keeping its error for display; returns whether it succeeded. */
export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, busy, run, setError };
}
