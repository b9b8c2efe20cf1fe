/**
 * The role each route needs, in one table: the proxy refuses a request whose principal lacks it
 * (403 naming the role), and the OpenAPI document states it for each operation, so the two
 * cannot disagree. Pure.
 *
 * The engine a role is checked on is the one the request names: `?engine=` (none: the current
 * engine), or the `{name}` of /api/engines/{name}/…; the fleet's routes read every engine, so
 * they need the role on each; tokens and the access log are the server's, so they need admin on
 * every engine too. Any other path under /api/ needs viewer to read and admin to change.
 */
import type { Role } from './roles';

/** Where the role is needed. */
export type Scope = 'engine' | 'every-engine';

export type Need =
  | { kind: 'public' }
  /** Any principal with a role on at least one engine (who am I, sign out, the engines' list, the page). */
  | { kind: 'signed-in' }
  | { kind: 'role'; role: Role; scope: Scope };

interface Rule {
  methods: readonly string[];
  path: RegExp;
  need: Need;
}

const READ = ['GET', 'HEAD'] as const;
const role = (r: Role, scope: Scope = 'engine'): Need => ({ kind: 'role', role: r, scope });

const RULES: Rule[] = [
  { methods: ['POST'], path: /^\/api\/login$/, need: { kind: 'public' } },
  { methods: READ, path: /^\/api\/auth\/(login|callback)$/, need: { kind: 'public' } },
  { methods: ['POST'], path: /^\/api\/auth\/logout$/, need: { kind: 'signed-in' } },
  { methods: READ, path: /^\/api\/(me|engines)$/, need: { kind: 'signed-in' } },
  { methods: READ, path: /^\/api\/fleet(\/.*)?$/, need: role('viewer', 'every-engine') },
  { methods: [...READ, 'POST'], path: /^\/api\/tokens$/, need: role('admin', 'every-engine') },
  { methods: ['DELETE'], path: /^\/api\/tokens\/[^/]+$/, need: role('admin', 'every-engine') },
  { methods: READ, path: /^\/api\/access$/, need: role('admin', 'every-engine') },
  // The diff that would make a compose file say what runs shows the file's lines: whoever may write it.
  { methods: READ, path: /^\/api\/compose\/write-back$/, need: role('admin') },
  { methods: ['POST'], path: /^\/api\/compose\/write-back$/, need: role('admin') },
  { methods: ['POST'], path: /^\/api\/networks$/, need: role('admin') },
  { methods: ['DELETE'], path: /^\/api\/networks\/[^/]+$/, need: role('admin') },
  { methods: ['POST'], path: /^\/api\/networks\/[^/]+\/(connect|disconnect)$/, need: role('operator') },
  // Undo of a network's creation or removal, or of a compose write, needs admin: the route asks.
  { methods: ['POST'], path: /^\/api\/activity\/[^/]+\/undo$/, need: role('operator') },
  // A plan that creates or removes a network needs admin: the route asks.
  { methods: ['POST'], path: /^\/api\/plans$/, need: role('operator') },
  // "Test now" runs ping, nslookup and nc inside the containers' namespaces.
  { methods: ['POST'], path: /^\/api\/reachability\/test$/, need: role('admin') },
  { methods: ['POST', 'DELETE'], path: /^\/api\/engines\/[^/]+\/agent$/, need: role('admin') },
];

/** What a request needs: its method and path (no query). */
export function needOf(method: string, path: string): Need {
  const m = method.toUpperCase();
  if (!path.startsWith('/api/')) return path === '/login' ? { kind: 'public' } : { kind: 'signed-in' };
  for (const r of RULES) if (r.methods.includes(m) && r.path.test(path)) return r.need;
  return (READ as readonly string[]).includes(m) ? role('viewer') : role('admin');
}

/** The engine a request's role is checked on: the path's, else `?engine=`, else null (the current one). */
export function engineNamed(path: string, search: URLSearchParams): string | null {
  const m = /^\/api\/engines\/([^/]+)\/agent$/.exec(path);
  if (m) return decodeURIComponent(m[1]!);
  const q = search.get('engine');
  return q === null || q === '' ? null : q;
}

/** Words for a 403: the role a request would need. */
export function describeNeed(need: Need, engine: string | null): string {
  if (need.kind !== 'role') return need.kind === 'public' ? 'nothing' : 'a role on at least one engine';
  return need.scope === 'every-engine' ? `${need.role} on every engine` : `${need.role} on ${engine ?? 'this engine'}`;
}

/**
 * The role each kind of change needs, where one route does several: an undo (the inverse
 * change's kind) and a plan's steps.
 */
export const CHANGE_ROLES: Record<'connect' | 'disconnect' | 'network-create' | 'network-remove' | 'compose-restore', Role> = {
  connect: 'operator',
  disconnect: 'operator',
  'network-create': 'admin',
  'network-remove': 'admin',
  'compose-restore': 'admin',
};
