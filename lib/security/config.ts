/**
 * Switchyard's own security settings, from the environment's settings (lib/config/env:
 * SWITCHYARD_HOST, _TOKEN, _READ_ONLY, _ALLOWED_HOSTS) and the -H/--hostname flag of
 * `next start`. Pure, apart from securityConfig(), this process's.
 */
import { isLoopbackHost } from '@/lib/identity/loopback';
import { oidcFrom, type OidcConfig } from '@/lib/identity/oidc-config';
import { ConfigError, parseEnv, settings, type Env, type Settings } from '@/lib/config/env';

export interface SecurityConfig {
  listenHost: string;
  /** SWITCHYARD_TOKEN: an admin's token. */
  token: string | null;
  /** Sign-in through an OpenID Connect provider (null: not configured). */
  oidc: OidcConfig | null;
  readOnly: boolean;
  allowedHosts: string[];
}

export const MIN_TOKEN_LENGTH = 16;

export const isLoopback = isLoopbackHost;

/** Whether every request must say who it is: a token or sign-in is configured. */
export const authRequired = (c: Pick<SecurityConfig, 'token' | 'oidc'>): boolean => c.token !== null || c.oidc !== null;

/** The host `next start` was told to listen on, if it was told. */
export function hostFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if ((a === '-H' || a === '--hostname') && argv[i + 1]) return argv[i + 1]!;
    if (a.startsWith('--hostname=')) return a.slice('--hostname='.length);
  }
  return null;
}

export function securityFrom(s: Settings, argv: readonly string[] = []): SecurityConfig {
  const o = oidcFrom(s);
  if ('problem' in o) throw new ConfigError([o.problem]);
  return {
    listenHost: hostFromArgv(argv) ?? s.SWITCHYARD_HOST ?? '127.0.0.1',
    token: s.SWITCHYARD_TOKEN,
    oidc: o.oidc,
    readOnly: s.SWITCHYARD_READ_ONLY,
    allowedHosts: s.SWITCHYARD_ALLOWED_HOSTS,
  };
}

/** The security settings an environment gives (throws ConfigError on a bad value). */
export const readSecurityConfig = (env: Env, argv: readonly string[] = []) => securityFrom(parseEnv(env), argv);

/** This server's: its environment, read once, and its command line. */
export const securityConfig = () => securityFrom(settings(), process.argv);

/** Why the server must not start with this configuration, or null. */
export function startupProblem(c: SecurityConfig): string | null {
  if (c.token !== null && c.token.length < MIN_TOKEN_LENGTH) {
    return `SWITCHYARD_TOKEN is too short: use at least ${MIN_TOKEN_LENGTH} random characters (for example: openssl rand -hex 24)`;
  }
  if (!isLoopback(c.listenHost) && !authRequired(c)) {
    return `refusing to listen on ${c.listenHost} without an access token or sign-in: the Docker socket is root on this host, and anyone who reaches ${c.listenHost} could drive it. Set SWITCHYARD_TOKEN (at least ${MIN_TOKEN_LENGTH} random characters) or sign-in (SWITCHYARD_OIDC_*), and SWITCHYARD_ALLOWED_HOSTS (the names or addresses you open it as), or listen on 127.0.0.1`;
  }
  return null;
}
