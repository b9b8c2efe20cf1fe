/**
 * Sign-in through an OpenID Connect provider with `openid-client` (certified): the
 * authorization code flow with PKCE (S256), state and nonce; the ID token's signature, issuer,
 * audience, expiry and nonce are checked by the library. The role claim is read from the ID
 * token, else from the UserInfo endpoint (providers that keep the ID token small put groups
 * there). The provider's metadata is discovered once and kept; a failed discovery is tried
 * again on the next sign-in.
 */
import 'server-only';
import * as client from 'openid-client';
import { isLoopbackHost } from '@/lib/identity/loopback';
import type { OidcConfig } from '@/lib/identity/oidc-config';
import { claimValues } from '@/lib/identity/roles';
import type { SignInFlow } from './session';

const KEY = Symbol.for('switchyard.oidc-discovery');
type Cache = Map<string, Promise<client.Configuration>>;
const cache = (): Cache => {
  const g = globalThis as unknown as Record<symbol, Cache | undefined>;
  return (g[KEY] ??= new Map());
};

/** The provider's configuration (discovered: its metadata must name the configured issuer). */
export function providerConfig(c: OidcConfig): Promise<client.Configuration> {
  const id = `${c.issuer}\0${c.clientId}`;
  let p = cache().get(id);
  if (!p) {
    const issuer = new URL(c.issuer);
    const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
    p = client.discovery(issuer, c.clientId, c.clientSecret ? { client_secret: c.clientSecret } : undefined,
      c.clientSecret ? client.ClientSecretBasic(c.clientSecret) : client.None(),
      { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) });
    cache().set(id, p);
    p.catch(() => cache().delete(id));
  }
  return p;
}

/** Starts a sign-in: the provider's authorization URL, and what the callback must check. */
export async function beginSignIn(c: OidcConfig, next: string): Promise<{ url: URL; flow: SignInFlow }> {
  const config = await providerConfig(c);
  const verifier = client.randomPKCECodeVerifier();
  const flow: SignInFlow = { state: client.randomState(), nonce: client.randomNonce(), verifier, next };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: c.redirectUri,
    scope: c.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url, flow };
}

export interface SignedIn {
  sub: string;
  name: string;
  values: string[];
}

/**
 * Finishes a sign-in: trades the code for tokens (the provider refuses a code used before),
 * checks them, and answers who signed in and the role claim's values. Throws on any failure.
 * `search` is the callback's query, as the provider sent it.
 */
export async function finishSignIn(c: OidcConfig, search: string, flow: SignInFlow): Promise<SignedIn> {
  const config = await providerConfig(c);
  const current = new URL(`${c.redirectUri}${search}`);
  const tokens = await client.authorizationCodeGrant(config, current, {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider sent no ID token');
  let values = claimValues(claims[c.roleClaim]);
  let info: Record<string, unknown> = {};
  if (!(c.roleClaim in claims) || !claims.name) {
    info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    if (!(c.roleClaim in claims)) values = claimValues(info[c.roleClaim]);
  }
  const pick = (k: string) => (typeof claims[k] === 'string' ? (claims[k] as string) : typeof info[k] === 'string' ? (info[k] as string) : null);
  const name = pick('preferred_username') ?? pick('email') ?? pick('name') ?? claims.sub;
  return { sub: claims.sub, name: name.slice(0, 200), values };
}
