/**
 * Switchyard's own security settings, from the environment (and the -H/--hostname flag of
 * `next start`). Pure.
 *
 *   SWITCHYARD_HOST          address to listen on (default 127.0.0.1)
 *   SWITCHYARD_TOKEN         access token; required when listening beyond loopback
 *   SWITCHYARD_READ_ONLY=1   refuse every change; the page hides the controls
 *   SWITCHYARD_ALLOWED_HOSTS extra Host names the dashboard is served as
 */
import { allowedHostsFromEnv } from './request-guard';

export interface SecurityConfig {
  listenHost: string;
  token: string | null;
  readOnly: boolean;
  allowedHosts: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
export const MIN_TOKEN_LENGTH = 16;

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The host `next start` was told to listen on, if it was told. */
export function hostFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if ((a === '-H' || a === '--hostname') && argv[i + 1]) return argv[i + 1]!;
    if (a.startsWith('--hostname=')) return a.slice('--hostname='.length);
  }
  return null;
}

export function readSecurityConfig(env: Env, argv: readonly string[] = []): SecurityConfig {
  const token = env.SWITCHYARD_TOKEN?.trim() || null;
  return {
    listenHost: hostFromArgv(argv) ?? env.SWITCHYARD_HOST?.trim() ?? '127.0.0.1',
    token,
    readOnly: ['1', 'true', 'yes'].includes((env.SWITCHYARD_READ_ONLY ?? '').toLowerCase()),
    allowedHosts: allowedHostsFromEnv(env),
  };
}

/** Why the server must not start with this configuration, or null. */
export function startupProblem(c: SecurityConfig): string | null {
  if (c.token !== null && c.token.length < MIN_TOKEN_LENGTH) {
    return `SWITCHYARD_TOKEN is too short: use at least ${MIN_TOKEN_LENGTH} random characters (for example: openssl rand -hex 24)`;
  }
  if (!isLoopback(c.listenHost) && c.token === null) {
    return `refusing to listen on ${c.listenHost} without an access token: the Docker socket is root on this host, and anyone who reaches ${c.listenHost} could drive it. Set SWITCHYARD_TOKEN (at least ${MIN_TOKEN_LENGTH} random characters) and SWITCHYARD_ALLOWED_HOSTS (the names or addresses you open it as), or listen on 127.0.0.1`;
  }
  return null;
}
