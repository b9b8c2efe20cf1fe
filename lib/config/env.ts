/**
 * Switchyard's environment, read once by one schema: the engine (DOCKER_HOST and the docker
 * CLI's friends of it: DOCKER_CONFIG and DOCKER_CONTEXT name the contexts) and Switchyard's
 * own SWITCHYARD_* settings. A bad value is an error
 * that names the variable and says what is allowed; the server refuses to start on one
 * (lib/security/startup). DOCKER_HOST itself is checked by lib/docker/endpoint, whose
 * refusal the page shows as the engine's state. Pure, apart from `settings()`, which reads
 * process.env the first time it is asked.
 *
 *   SWITCHYARD_ENGINES       a JSON file of named engines, beside the docker CLI's contexts (lib/engines)
 *   SWITCHYARD_HOST          address to listen on (default 127.0.0.1; `next start -H` wins)
 *   SWITCHYARD_TOKEN         access token (an admin's); beyond loopback it or sign-in is required
 *   SWITCHYARD_OIDC_ISSUER / _CLIENT_ID / _CLIENT_SECRET  sign-in through an OpenID Connect
 *                            provider (lib/auth/oidc); _SCOPES (default "openid profile email"),
 *                            _ROLE_CLAIM (default groups), _ROLES (value=role[@engine], comma separated)
 *   SWITCHYARD_PUBLIC_URL    the address people open Switchyard as (the provider sends them back
 *                            to <it>/api/auth/callback)
 *   SWITCHYARD_SESSION_SECRET  at least 32 characters: the key sign-in cookies are sealed with
 *   SWITCHYARD_SESSION_SECONDS how long a sign-in lasts (default 28800: eight hours)
 *   SWITCHYARD_AUTH_FAILURES  failed sign-ins or token checks a client address may make in a
 *                            minute before it gets 429 (default 10; ten times as many over all addresses)
 *   SWITCHYARD_READ_ONLY     1/0: refuse every change; the page hides the controls
 *   SWITCHYARD_ALLOWED_HOSTS extra Host names the dashboard is served as (comma separated)
 *   SWITCHYARD_HOST_LINKS    on/off: read bridges and veth pairs from the host, and the
 *                            containers' sockets for the Traffic layer (default on)
 *   SWITCHYARD_TRAFFIC_CPU   the share of one core the Traffic layer's reading may take, in
 *                            percent (default 5): past it, the reading interval is stretched
 *   SWITCHYARD_PROC          where the Traffic layer reads processes' /proc (default /proc; the
 *                            host's /proc mounted elsewhere, or a benchmark's generated one)
 *   SWITCHYARD_ENGINE_TIMEOUT_MS  bound on each engine request (default 5000)
 *   SWITCHYARD_DATA_DIR      where the activity log is kept, one SQLite file per engine
 *                            (default $XDG_STATE_HOME/switchyard, else ~/.local/state/switchyard)
 *   SWITCHYARD_ACTIVITY_MAX  entries kept per engine before the oldest go (default 100000)
 *   SWITCHYARD_SSE_BACKLOG   bytes queued for an event-stream client that does not read before it
 *                            is dropped (default 4 MiB; lib/events/backlog)
 *   SWITCHYARD_HEAP_GROWTH   how far past its live size the heap grows before a full collection,
 *                            in percent (default 30; 0: V8's own choice, lib/config/heap)
 *   SWITCHYARD_COALESCE_MS / _CHECK_MS / _RESYNC_MS  the store's event batching, safety check
 *                            and full re-read intervals (0 turns the last two off)
 */
import { z } from 'zod';
import { issue } from './issue';

export type Env = Readonly<Record<string, string | undefined>>;

const text = () => z.string().optional().transform((v) => v?.trim() || null);

function flag(name: string, dflt: boolean) {
  return z.string().optional().transform((v, ctx) => {
    const s = (v ?? '').trim().toLowerCase();
    if (s === '') return dflt;
    if (['1', 'true', 'yes', 'on'].includes(s)) return true;
    if (['0', 'false', 'no', 'off'].includes(s)) return false;
    return issue(ctx, `${name}=${v!.slice(0, 40)} is not a yes/no value`, 'use 1 or 0 (or true/false, yes/no, on/off)'), z.NEVER;
  });
}

function millis(name: string, dflt: number, min: number) {
  return z.string().optional().transform((v, ctx) => {
    const s = (v ?? '').trim();
    if (s === '') return dflt;
    if (!/^\d{1,9}$/.test(s) || Number(s) < min) {
      return issue(ctx, `${name}=${v!.slice(0, 40)} is not a number of milliseconds`, `a whole number${min > 0 ? ` of at least ${min}` : ''}, for example ${dflt}`), z.NEVER;
    }
    return Number(s);
  });
}

function count(name: string, dflt: number, min: number) {
  return z.string().optional().transform((v, ctx) => {
    const s = (v ?? '').trim();
    if (s === '') return dflt;
    if (!/^\d{1,9}$/.test(s) || Number(s) < min) return issue(ctx, `${name}=${v!.slice(0, 40)} is not a whole number of at least ${min}`, `for example ${dflt}`), z.NEVER;
    return Number(s);
  });
}

export const envSchema = z.object({
  DOCKER_HOST: z.string().optional(),
  DOCKER_TLS_VERIFY: z.string().optional(),
  DOCKER_CERT_PATH: z.string().optional(),
  DOCKER_CONFIG: z.string().optional(),
  DOCKER_CONTEXT: z.string().optional(),
  HOME: z.string().optional(),
  SSH_AUTH_SOCK: z.string().optional(),
  XDG_STATE_HOME: text(),
  SWITCHYARD_DATA_DIR: text(),
  SWITCHYARD_ACTIVITY_MAX: count('SWITCHYARD_ACTIVITY_MAX', 100_000, 100),
  SWITCHYARD_SSE_BACKLOG: count('SWITCHYARD_SSE_BACKLOG', 4 * 1024 * 1024, 1024),
  SWITCHYARD_HOST: text(),
  SWITCHYARD_ENGINES: text(),
  /** The image Switchyard's agent runs on a remote engine (lib/agent): Switchyard's own. */
  SWITCHYARD_AGENT_IMAGE: z.string().optional().transform((v) => v?.trim() || 'switchyard'),
  SWITCHYARD_TOKEN: text(),
  SWITCHYARD_OIDC_ISSUER: text(),
  SWITCHYARD_OIDC_CLIENT_ID: text(),
  SWITCHYARD_OIDC_CLIENT_SECRET: text(),
  SWITCHYARD_OIDC_SCOPES: z.string().optional().transform((v) => v?.trim() || 'openid profile email'),
  SWITCHYARD_OIDC_ROLE_CLAIM: z.string().optional().transform((v) => v?.trim() || 'groups'),
  SWITCHYARD_OIDC_ROLES: z.string().optional().transform((v) => v?.trim() ?? ''),
  SWITCHYARD_PUBLIC_URL: text(),
  SWITCHYARD_SESSION_SECRET: text(),
  SWITCHYARD_SESSION_SECONDS: count('SWITCHYARD_SESSION_SECONDS', 28_800, 10),
  SWITCHYARD_AUTH_FAILURES: count('SWITCHYARD_AUTH_FAILURES', 10, 1),
  SWITCHYARD_READ_ONLY: flag('SWITCHYARD_READ_ONLY', false),
  SWITCHYARD_ALLOWED_HOSTS: z.string().optional().transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
  SWITCHYARD_HOST_LINKS: flag('SWITCHYARD_HOST_LINKS', true),
  SWITCHYARD_TRAFFIC_CPU: z.string().optional().transform((v, ctx) => {
    const s = (v ?? '').trim();
    if (s === '') return 5;
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(s) || Number(s) < 0.1 || Number(s) > 100) return issue(ctx, `SWITCHYARD_TRAFFIC_CPU=${v!.slice(0, 40)} is not a share of one core`, 'a percentage from 0.1 to 100, for example 5'), z.NEVER;
    return Number(s);
  }),
  SWITCHYARD_PROC: z.string().optional().transform((v, ctx) => {
    const p = v?.trim() || '/proc';
    if (!p.startsWith('/')) { issue(ctx, `SWITCHYARD_PROC must be an absolute path, not ${JSON.stringify(p.slice(0, 80))}`, 'for example /proc or /host/proc'); return z.NEVER; }
    return p;
  }),
  SWITCHYARD_HEAP_GROWTH: z.string().optional().transform((v, ctx) => {
    const s = (v ?? '').trim();
    if (s === '') return 30;
    if (!/^\d{1,3}$/.test(s) || Number(s) > 300) return issue(ctx, `SWITCHYARD_HEAP_GROWTH=${v!.slice(0, 40)} is not a percentage of growth`, 'a whole number from 0 (V8 chooses) to 300, for example 30'), z.NEVER;
    return Number(s);
  }),
  SWITCHYARD_ENGINE_TIMEOUT_MS: millis('SWITCHYARD_ENGINE_TIMEOUT_MS', 5000, 1),
  SWITCHYARD_COALESCE_MS: millis('SWITCHYARD_COALESCE_MS', 0, 0),
  SWITCHYARD_CHECK_MS: millis('SWITCHYARD_CHECK_MS', 15_000, 0),
  SWITCHYARD_RESYNC_MS: millis('SWITCHYARD_RESYNC_MS', 600_000, 0),
});
export type Settings = z.output<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`the environment has ${problems.length === 1 ? 'a bad value' : `${problems.length} bad values`}: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** The settings an environment gives, or a ConfigError naming every bad value. */
export function parseEnv(env: Env): Settings {
  const r = envSchema.safeParse(env);
  if (r.success) return r.data;
  throw new ConfigError(r.error.issues.map((i) => {
    const hint = i.code === z.ZodIssueCode.custom ? (i.params as { hint?: string } | undefined)?.hint : undefined;
    return hint ? `${i.message} (${hint})` : i.message;
  }));
}

let cached: Settings | null = null;
/** This process's settings, from process.env the first time (throws ConfigError on a bad value). */
export function settings(): Settings {
  return (cached ??= parseEnv(process.env));
}
/** Forget them: the next settings() reads process.env again (tests that change it). */
export function resetSettings(): void {
  cached = null;
}
