// The portal's only way to the cloud: the public APIs through the gateway that served this page (same origin, so
// no CORS and no second backend), each request carrying the user's Keystone token. Nothing here is privileged:
// the portal can do exactly what the token allows.

/** An API answer other than 2xx, with the message the OpenStack service put in its error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The message of an OpenStack error body: Keystone {"error": {...}}, Nova {"itemNotFound": {...}}, Neutron
 * {"NeutronError": {...}}, Glance/Swift plain text or {"message": ...}. */
export function openStackMessage(status: number, body: string): string {
  const text = body.trim();
  try {
    const json = JSON.parse(text);
    if (json && typeof json === 'object') {
      if (typeof json.message === 'string') return json.message;
      if (typeof json.title === 'string' && typeof json.description === 'string') return json.description;
      for (const v of Object.values(json)) {
        if (v && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string') {
          return (v as { message: string }).message;
        }
      }
    }
  } catch {
    // not JSON: Swift and some Glance answers are text or HTML
  }
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain || `HTTP ${status}`;
}

export interface Project {
  id: string;
  name: string;
  domain_id?: string;
}

export interface Session {
  /** the project-scoped token every call uses */
  token: string;
  /** the unscoped token, kept to rescope to another project without the password */
  unscoped: string;
  expiresAt: string;
  user: { id: string; name: string; domain: string };
  project: Project;
  projects: Project[];
  roles: string[];
}

const STORE = 'nubo.session';

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(STORE);
  if (!raw) return null;
  const s = JSON.parse(raw) as Session;
  return expired(s) ? null : s;
}

export function saveSession(s: Session | null) {
  if (s) sessionStorage.setItem(STORE, JSON.stringify(s));
  else sessionStorage.removeItem(STORE);
}

export function expired(s: Session, now = Date.now()): boolean {
  return Date.parse(s.expiresAt) <= now;
}

/** Called when any request answers 401 with the session's token: the session is over (expired or revoked). */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(f: () => void) {
  onUnauthorized = f;
}

let current: Session | null = null;
export function useToken(s: Session | null) {
  current = s;
}
export function session(): Session {
  if (!current) throw new ApiError(401, 'Not logged in.');
  return current;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  token?: string | null;
}

async function send(path: string, o: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...o.headers };
  const token = o.token === undefined ? current?.token : o.token;
  if (token) headers['X-Auth-Token'] = token;
  let body: BodyInit | undefined;
  if (o.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = typeof o.body === 'string' || o.body instanceof Blob ? o.body : JSON.stringify(o.body);
  }
  // no-store: API answers carry Last-Modified (Swift listings), which browsers would otherwise cache heuristically
  const r = await fetch(path, { method: o.method ?? 'GET', headers, body, cache: 'no-store' });
  if (!r.ok) {
    const message = openStackMessage(r.status, await r.text());
    if (r.status === 401 && token && token === current?.token) onUnauthorized();
    throw new ApiError(r.status, message);
  }
  return r;
}

/** A JSON call; null for an empty answer (204). */
export async function api<T = unknown>(path: string, o: RequestOptions = {}): Promise<T> {
  const r = await send(path, o);
  const text = await r.text();
  return (text ? JSON.parse(text) : null) as T;
}

export async function raw(path: string, o: RequestOptions = {}): Promise<Response> {
  return send(path, o);
}

/** A PUT of a file with upload progress (fetch has none): XMLHttpRequest, same token and error handling. */
export function upload(
  path: string,
  file: Blob,
  onProgress: (fraction: number) => void,
  contentType = 'application/octet-stream',
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.open('PUT', path);
    xhr.setRequestHeader('X-Auth-Token', session().token);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else {
        if (xhr.status === 401) onUnauthorized();
        reject(new ApiError(xhr.status, openStackMessage(xhr.status, xhr.responseText)));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'The upload was interrupted.'));
    xhr.onabort = () => reject(new ApiError(0, 'The upload was cancelled.'));
    xhr.send(file);
  });
}

// ---- Keystone ---------------------------------------------------------------------------------------------

interface TokenBody {
  token: {
    expires_at: string;
    user: { id: string; name: string; domain: { name: string } };
    project?: Project;
    roles?: { name: string }[];
  };
}

async function issue(auth: unknown): Promise<{ id: string; body: TokenBody }> {
  const r = await send('/identity/v3/auth/tokens', { method: 'POST', body: { auth }, token: null });
  return { id: r.headers.get('X-Subject-Token') ?? '', body: (await r.json()) as TokenBody };
}

/** Password login: an unscoped token, the user's projects, then a token scoped to the first (or preferred) one. */
export async function login(user: string, password: string, domain: string, preferred?: string): Promise<Session> {
  let unscoped;
  try {
    unscoped = await issue({
      identity: { methods: ['password'], password: { user: { name: user, domain: { name: domain }, password } } },
    });
  } catch (e) {
    // Keystone answers 401 for an unknown user, a wrong password and an unknown domain alike: so do we
    if (e instanceof ApiError && e.status === 401) {
      throw new ApiError(401, 'The user name, password or domain is not right.');
    }
    throw e;
  }
  const { projects } = await api<{ projects: Project[] }>('/identity/v3/auth/projects', { token: unscoped.id });
  if (projects.length === 0) {
    throw new ApiError(403, 'This user has no role on any project.');
  }
  projects.sort((a, b) => a.name.localeCompare(b.name));
  const project = projects.find((p) => p.id === preferred) ?? projects[0];
  return scope(unscoped.id, project, projects);
}

/**
 * Application credential login (Keystone's application_credential method, by the credential's ID and secret): the
 * token is scoped to the credential's own project and cannot be rescoped, so that project is the only one offered.
 */
export async function loginWithApplicationCredential(id: string, secret: string): Promise<Session> {
  let t;
  try {
    t = await issue({ identity: { methods: ['application_credential'], application_credential: { id, secret } } });
  } catch (e) {
    // an unknown credential and a wrong secret are the same 401: so is our message
    if (e instanceof ApiError && e.status === 401) {
      throw new ApiError(401, 'The application credential ID or secret is not right.');
    }
    throw e;
  }
  const project = t.body.token.project;
  if (!project) {
    throw new ApiError(403, 'This application credential gives no project.');
  }
  return {
    token: t.id,
    unscoped: t.id,
    expiresAt: t.body.token.expires_at,
    user: { id: t.body.token.user.id, name: t.body.token.user.name, domain: t.body.token.user.domain.name },
    project,
    projects: [project],
    roles: (t.body.token.roles ?? []).map((r) => r.name),
  };
}

/** A token for another project, from the unscoped token (Keystone's token method). */
export async function scope(unscoped: string, project: Project, projects: Project[]): Promise<Session> {
  const t = await issue({
    identity: { methods: ['token'], token: { id: unscoped } },
    scope: { project: { id: project.id } },
  });
  return {
    token: t.id,
    unscoped,
    expiresAt: t.body.token.expires_at,
    user: { id: t.body.token.user.id, name: t.body.token.user.name, domain: t.body.token.user.domain.name },
    project: t.body.token.project ?? project,
    projects,
    roles: (t.body.token.roles ?? []).map((r) => r.name),
  };
}

/** Revokes both tokens (DELETE /v3/auth/tokens); a token already gone is fine. */
export async function logout(s: Session): Promise<void> {
  for (const t of [s.token, s.unscoped]) {
    try {
      await send('/identity/v3/auth/tokens', { method: 'DELETE', token: t, headers: { 'X-Subject-Token': t } });
    } catch {
      // expired or revoked already
    }
  }
}

// ---- service paths ----------------------------------------------------------------------------------------

export const compute = (p: string) => '/compute/v2.1' + p;
export const network = (p: string) => '/network/v2.0' + p;
export const image = (p: string) => '/image/v2' + p;
export const volume = (p: string) => `/volume/v3/${session().project.id}` + p;
export const objectStore = (p = '') => `/object-store/v1/AUTH_${session().project.id}` + p;

export function sizeLabel(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}
