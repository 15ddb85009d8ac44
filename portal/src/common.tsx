import { CSSProperties, FormEvent, memo, ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Loader, Table, Text } from '@mantine/core';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
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
  // loads may overlap (a refresh every few seconds, a reload after a change) and end in any order: only an answer
  // to a load that started after the one shown is shown, so an answer read before a change never replaces one
  // read after it
  const started = useRef(0);
  const shown = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    const mine = ++started.current;
    try {
      const d = await run();
      if (alive.current && mine > shown.current) {
        shown.current = mine;
        setData(d);
        setError(null);
      }
    } catch (e) {
      if (alive.current && mine > shown.current) setError(e);
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

/** One row, drawn again only when its item (or `deps`) is another object: a list of a thousand rows refreshed
 * every few seconds redraws just the rows that changed. */
const Row = memo(
  function Row({ item, cells, testId, index }: {
    item: unknown; deps: unknown; cells: (t: unknown) => ReactNode; testId?: string; index?: number;
  }) {
    if (index === undefined) return <Table.Tr data-testid={testId}>{cells(item)}</Table.Tr>;
    // a windowed row: its place among all rows (the header is row 1), striped by it (not by its place in the DOM)
    return (
      <Table.Tr data-testid={testId} aria-rowindex={index + 2} className={index % 2 === 0 ? 'row-odd' : undefined}>
        {cells(item)}
      </Table.Tr>
    );
  },
  (a, b) => a.item === b.item && a.deps === b.deps && a.testId === b.testId && a.index === b.index,
);

/** A list page's table: a loader while loading, the `empty` text when there is nothing, else the rows in a table
 * that scrolls sideways on its own (the page never does) with one header cell per column. With `rowDeps`, a row
 * is drawn again only when its item or `rowDeps` changes (the cells must depend on nothing else). */
export function ResourceTable<T>({
  label, loading, rows, empty, columns, rowKey, cells, rowTestId, rowDeps,
}: {
  label: string;
  loading: boolean;
  /** null: not loaded (still loading, or the load failed and its error is shown) */
  rows: T[] | null;
  empty: string;
  columns: string[];
  rowKey: (t: T) => string;
  cells: (t: T) => ReactNode;
  rowTestId?: (t: T) => string;
  rowDeps?: unknown;
}) {
  if (rows === null) return loading ? <Loader aria-label={`Loading ${label.toLowerCase()}`} /> : null;
  if (rows.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <div className="table-scroll">
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => <Table.Th key={c}>{c}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rowDeps === undefined
            ? rows.map((t) => <Table.Tr key={rowKey(t)} data-testid={rowTestId?.(t)}>{cells(t)}</Table.Tr>)
            : rows.map((t) => (
              <Row key={rowKey(t)} item={t} deps={rowDeps} testId={rowTestId?.(t)} cells={cells as (t: unknown) => ReactNode} />
            ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** One file chosen for upload and its progress (null when no upload runs), as the upload forms use them. */
export function useUpload() {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);
  const action = useAction();
  /** Submits the form: runs `send` with the chosen file while `progress` follows it; clears the file after. */
  const submit = (send: (file: File, onProgress: (f: number) => void, signal: AbortSignal) => Promise<void>) => (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    action.run(async () => {
      setProgress(0);
      abort.current = new AbortController();
      try {
        await send(file, setProgress, abort.current.signal);
      } finally {
        abort.current = null;
        setProgress(null);
      }
      setFile(null);
    });
  };
  /** Stops the running upload (the request is aborted mid-way; the service keeps nothing of it). */
  const cancel = () => abort.current?.abort();
  return { file, setFile, progress, action, submit, cancel };
}

/** Saves a blob as a file named `name` (the browser's download), through a short-lived object URL. */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A long list's table, windowed: every row is `rowHeight` px high (its cells keep to one line), and only the rows
 * in the window's view and `overscan` rows either side are in the DOM, between two empty spacer rows that keep the
 * table as tall as all rows (the page scrolls as before; @tanstack/react-virtual tracks the window). The table
 * tells assistive technology how many rows there are (`aria-rowcount`, -1 while `more` rows follow) and each row
 * its place (`aria-rowindex`). `onNearEnd` is called when the view comes within `overscan` rows of the last row:
 * the next page is read then. Rows are drawn again only when their item or `rowDeps` changes, as in ResourceTable. */
export function WindowedTable<T>({
  label, loading, rows, empty, columns, widths, rowKey, cells, rowTestId, rowDeps, rowHeight, more, onNearEnd,
  overscan = 10,
}: {
  label: string;
  loading: boolean;
  rows: T[] | null;
  empty: string;
  columns: string[];
  /** each column's width (CSS), the table laid out by them (rows drawn later never move the columns) */
  widths: string[];
  rowKey: (t: T) => string;
  cells: (t: T) => ReactNode;
  rowTestId?: (t: T) => string;
  rowDeps?: unknown;
  rowHeight: number;
  more: boolean;
  onNearEnd: () => void;
  overscan?: number;
}) {
  const body = useRef<HTMLTableSectionElement | null>(null);
  const [margin, setMargin] = useState(0);
  const count = rows?.length ?? 0;
  // the body's distance from the top of the page, where row 0 starts
  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const measure = () => setMargin(el.getBoundingClientRect().top + window.scrollY);
    measure();
    const o = new ResizeObserver(measure);
    o.observe(document.body);
    return () => o.disconnect();
  }, [count > 0]); // eslint-disable-line react-hooks/exhaustive-deps
  const v = useWindowVirtualizer({
    count, estimateSize: () => rowHeight, overscan, scrollMargin: margin, getItemKey: (i) => (rows ? rowKey(rows[i]) : i),
  });
  const items = v.getVirtualItems();
  const last = items.length ? items[items.length - 1].index : -1;
  useEffect(() => {
    if (more && count > 0 && last >= count - 1 - overscan) onNearEnd();
  }, [last, count, more, onNearEnd, overscan]);

  if (rows === null) return loading ? <Loader aria-label={`Loading ${label.toLowerCase()}`} /> : null;
  if (rows.length === 0) return <Text c="dimmed">{empty}</Text>;
  const top = items.length ? items[0].start - margin : 0;
  const bottom = items.length ? v.getTotalSize() - (items[items.length - 1].end - margin) : 0;
  return (
    <div className="table-scroll">
      <Table aria-label={label} aria-rowcount={more ? -1 : rows.length + 1} className="windowed"
        style={{ '--row-height': `${rowHeight}px` } as CSSProperties}>
        <colgroup>{widths.map((w, i) => <col key={i} style={{ width: w }} />)}</colgroup>
        <Table.Thead>
          <Table.Tr aria-rowindex={1}>
            {columns.map((c) => <Table.Th key={c}>{c}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={body}>
          {top > 0 && <tr aria-hidden="true" className="spacer" style={{ height: top }} />}
          {items.map((it) => {
            const t = rows[it.index];
            return (
              <Row key={it.key} item={t} deps={rowDeps} index={it.index} testId={rowTestId?.(t)}
                cells={cells as (t: unknown) => ReactNode} />
            );
          })}
          {bottom > 0 && <tr aria-hidden="true" className="spacer" style={{ height: bottom }} />}
        </Table.Tbody>
      </Table>
    </div>
  );
}
