/**
 * Sign-in settings from the environment, checked: all of issuer, client id, public address and
 * session secret, or none of them (then nobody signs in through a provider). Pure.
 */
import type { Settings } from '@/lib/config/env';
import { isLoopbackHost } from './loopback';
import { parseRoleRules, type RoleRule } from './roles';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** null: a public client (PKCE alone). */
  clientSecret: string | null;
  scopes: string;
  roleClaim: string;
  rules: RoleRule[];
  /** Where the provider sends people back: <SWITCHYARD_PUBLIC_URL>/api/auth/callback. */
  redirectUri: string;
  publicUrl: string;
  sessionSecret: string;
  sessionSeconds: number;
}

export const MIN_SESSION_SECRET = 32;

/** The sign-in settings, null when none is set, or the problem with them. */
export function oidcFrom(s: Settings): { oidc: OidcConfig | null } | { problem: string } {
  const set = [s.SWITCHYARD_OIDC_ISSUER, s.SWITCHYARD_OIDC_CLIENT_ID, s.SWITCHYARD_OIDC_CLIENT_SECRET].some((v) => v !== null);
  if (!set) return { oidc: null };
  const missing = ([
    ['SWITCHYARD_OIDC_ISSUER', s.SWITCHYARD_OIDC_ISSUER],
    ['SWITCHYARD_OIDC_CLIENT_ID', s.SWITCHYARD_OIDC_CLIENT_ID],
    ['SWITCHYARD_PUBLIC_URL', s.SWITCHYARD_PUBLIC_URL],
    ['SWITCHYARD_SESSION_SECRET', s.SWITCHYARD_SESSION_SECRET],
  ] as const).filter(([, v]) => v === null).map(([k]) => k);
  if (missing.length) return { problem: `sign-in through OpenID Connect also needs ${missing.join(', ')}` };
  const issuer = urlOf(s.SWITCHYARD_OIDC_ISSUER!);
  if (!issuer) return { problem: `SWITCHYARD_OIDC_ISSUER=${s.SWITCHYARD_OIDC_ISSUER!.slice(0, 80)} is not an http(s) URL` };
  if (issuer.protocol === 'http:' && !isLoopbackHost(issuer.hostname)) return { problem: `SWITCHYARD_OIDC_ISSUER must be https (http only on loopback, for a provider on this machine): ${issuer.href}` };
  const pub = urlOf(s.SWITCHYARD_PUBLIC_URL!);
  if (!pub || pub.pathname !== '/' || pub.search || pub.hash) return { problem: `SWITCHYARD_PUBLIC_URL=${s.SWITCHYARD_PUBLIC_URL!.slice(0, 80)} must be the address Switchyard is opened as, such as https://switchyard.example.com (no path)` };
  if (s.SWITCHYARD_SESSION_SECRET!.length < MIN_SESSION_SECRET) return { problem: `SWITCHYARD_SESSION_SECRET is too short: use at least ${MIN_SESSION_SECRET} random characters (for example: openssl rand -hex 32)` };
  const rules = parseRoleRules(s.SWITCHYARD_OIDC_ROLES);
  if ('problem' in rules) return { problem: `SWITCHYARD_OIDC_ROLES: ${rules.problem}` };
  return {
    oidc: {
      issuer: s.SWITCHYARD_OIDC_ISSUER!,
      clientId: s.SWITCHYARD_OIDC_CLIENT_ID!,
      clientSecret: s.SWITCHYARD_OIDC_CLIENT_SECRET,
      scopes: s.SWITCHYARD_OIDC_SCOPES,
      roleClaim: s.SWITCHYARD_OIDC_ROLE_CLAIM,
      rules: rules.rules,
      publicUrl: pub.origin,
      redirectUri: `${pub.origin}/api/auth/callback`,
      sessionSecret: s.SWITCHYARD_SESSION_SECRET!,
      sessionSeconds: s.SWITCHYARD_SESSION_SECONDS,
    },
  };
}

function urlOf(text: string): URL | null {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}
