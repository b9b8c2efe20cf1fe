/** Who am I, API tokens and the access log, for the routes. */
import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { catalog } from '@/lib/engines/catalog';
import { securityConfig } from '@/lib/security/config';
import type { z } from 'zod';
import type { accessQuery, createTokenBody } from '@/lib/schemas/auth';
import { clientAddress } from './gate';
import { principalOf } from './request';
import { roleOn } from '@/lib/identity/roles';
import { authStore } from './server';

export function whoAmI(req: Request) {
  const p = principalOf(req);
  const c = securityConfig();
  return {
    principal: { kind: p.kind, id: p.id, name: p.name },
    roles: catalog().engines.map((e) => ({ engine: e.name, role: roleOn(p.grants, e.name) })),
    signIn: { oidc: c.oidc !== null, token: c.token !== null },
    readOnly: c.readOnly,
  };
}

const actorOf = (req: Request) => {
  const p = principalOf(req);
  return { kind: p.kind, id: p.id, name: p.name };
};

export function createToken(req: Request, body: z.output<typeof createTokenBody>) {
  const actor = actorOf(req);
  const engine = body.engine ?? null;
  if (engine !== null && !catalog().engines.some((e) => e.name === engine)) {
    throw new ApiError('bad_request', `"engine": there is no engine named ${engine}`, `the engines are: ${catalog().engines.map((e) => e.name).join(', ')}`);
  }
  const store = authStore();
  const made = store.createToken({ name: body.name, role: body.role, engine, expiresAt: body.expires === null ? null : Date.now() + body.expires, createdBy: actor.name });
  store.log({ kind: 'token-created', actor, address: clientAddress((n) => req.headers.get(n)), detail: { token: made.record.id, name: made.record.name, role: made.record.role, engine, expiresAt: made.record.expiresAt } });
  return made;
}

export function revokeToken(req: Request, id: string) {
  const actor = actorOf(req);
  const store = authStore();
  const t = store.token(id);
  if (!t) throw new ApiError('not_found', `there is no token ${id}`, 'GET /api/tokens lists them');
  if (!store.revokeToken(id, actor.name)) throw new ApiError('conflict', `the token ${t.name} (${id}) was revoked already, at ${t.revokedAt}`);
  store.log({ kind: 'token-revoked', actor, address: clientAddress((n) => req.headers.get(n)), detail: { token: id, name: t.name } });
  return { revoked: store.token(id)! };
}

export function accessLog(q: z.output<typeof accessQuery>) {
  const limit = q.limit ?? 50;
  const entries = authStore().access({ actor: q.actor ?? null, kind: q.kind, before: q.before, limit: limit + 1 });
  const more = entries.length > limit;
  const page = entries.slice(0, limit);
  return { entries: page, next: more ? page[page.length - 1]!.id : null };
}
