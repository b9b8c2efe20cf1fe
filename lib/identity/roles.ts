/**
 * Who may do what: three roles in order (viewer < operator < admin), given per engine or
 * everywhere, and the principal a request was let in as. Pure.
 *
 *   viewer    reads: topology, traffic, reachability verdicts, activity
 *   operator  connects, disconnects, undo, plans
 *   admin     creates and removes networks, runs anything inside a container ("Test now"),
 *             the agent container, compose write-back, tokens and the access log
 *
 * A user's grants come from a claim of the identity provider (SWITCHYARD_OIDC_ROLE_CLAIM,
 * `groups` by default) mapped by SWITCHYARD_OIDC_ROLES: `sre=admin, dev=operator@staging,
 * dev=viewer@prod`. On an engine a principal has the highest role of the grants that name that
 * engine or none.
 */

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const rank = (r: Role | null): number => (r === null ? -1 : ROLES.indexOf(r));
export const atLeast = (have: Role | null, need: Role): boolean => rank(have) >= rank(need);

/** A role, on one engine (by name) or on every engine (null). */
export interface Grant {
  role: Role;
  engine: string | null;
}

/**
 * How a request was let in:
 * - loopback: nothing is configured, so only this machine can ask (admin everywhere, as before);
 * - admin-token: SWITCHYARD_TOKEN, as a bearer or through the token login (admin everywhere);
 * - user: an OpenID Connect session (grants from the provider's claim);
 * - token: an API token made with `npm run token` or on the page (its role, maybe one engine).
 */
export interface Principal {
  kind: 'loopback' | 'admin-token' | 'user' | 'token';
  /** Stable: the provider's `sub` for a user, the token's id, `loopback`, `SWITCHYARD_TOKEN`. */
  id: string;
  /** What people read: a user's name or e-mail, a token's name. */
  name: string;
  grants: Grant[];
}

/** The role a principal has on an engine (null: none). */
export function roleOn(grants: readonly Grant[], engine: string): Role | null {
  let best: Role | null = null;
  for (const g of grants) {
    if (g.engine !== null && g.engine !== engine) continue;
    if (rank(g.role) > rank(best)) best = g.role;
  }
  return best;
}

export const EVERYWHERE: Grant[] = [{ role: 'admin', engine: null }];

/** Nothing configured: only this machine can ask, as admin everywhere (as before sign-in existed). */
export const LOOPBACK_PRINCIPAL: Principal = { kind: 'loopback', id: 'loopback', name: 'loopback', grants: EVERYWHERE };
/** SWITCHYARD_TOKEN, as a bearer or through the token login: an admin everywhere. */
export const ADMIN_TOKEN_PRINCIPAL: Principal = { kind: 'admin-token', id: 'SWITCHYARD_TOKEN', name: 'SWITCHYARD_TOKEN', grants: EVERYWHERE };

/** One rule of SWITCHYARD_OIDC_ROLES: users whose claim holds `value` get `role` (on `engine`, or everywhere). */
export interface RoleRule {
  value: string;
  role: Role;
  engine: string | null;
}

/**
 * Parses `value=role[@engine]` rules, comma separated. Answers the rules, or the problem with
 * the text (naming the rule).
 */
export function parseRoleRules(text: string): { rules: RoleRule[] } | { problem: string } {
  const rules: RoleRule[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=@\s][^=]*?)\s*=\s*(viewer|operator|admin)\s*(?:@\s*([a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}))?$/.exec(raw);
    if (!m) return { problem: `${JSON.stringify(raw.slice(0, 60))} is not value=role or value=role@engine (roles: ${ROLES.join(', ')})` };
    rules.push({ value: m[1]!, role: m[2] as Role, engine: m[3] ?? null });
  }
  return { rules };
}

/** The values a claim holds: a list of strings, or one string (some providers send `"groups": "a"`). */
export function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The grants a user's claim values give under the rules (duplicates kept out). */
export function grantsFor(values: readonly string[], rules: readonly RoleRule[]): Grant[] {
  const have = new Set(values);
  const out: Grant[] = [];
  for (const r of rules) {
    if (!have.has(r.value)) continue;
    if (out.some((g) => g.role === r.role && g.engine === r.engine)) continue;
    out.push({ role: r.role, engine: r.engine });
  }
  return out;
}
