/**
 * A real OpenID Connect provider on loopback for the sign-in tests: `oidc-provider` (certified),
 * with its own login page (a form: user name and password) and consent given at once, two
 * clients (`switchyard`, and `other` with the same redirect address, for a code issued to
 * another client), and three users: ann (groups sre, dev), bob (dev), nobody (no group).
 * `issuer` may name the provider by another address than it listens on (a wrong issuer).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const USERS: Record<string, { password: string; groups: string[]; email: string }> = {
  ann: { password: 'ann-pw', groups: ['sre', 'dev'], email: 'ann@example.test' },
  bob: { password: 'bob-pw', groups: ['dev'], email: 'bob@example.test' },
  nobody: { password: 'nobody-pw', groups: [], email: 'nobody@example.test' },
};
export const CLIENT_ID = 'switchyard';
export const CLIENT_SECRET = 'switchyard-test-secret-0123456789';

export interface TestProvider {
  issuer: string;
  port: number;
  stop: () => Promise<void>;
}

const page = (uid: string, error = '') => `<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body>
<h1>Sign in to the test identity provider</h1>${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label>User <input name="login" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form></body></html>`;

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
}

/** Starts the provider on 127.0.0.1 (port 0: any free one); `redirects` are the Switchyards' callbacks. */
export async function startProvider(redirects: string[], opts: { port?: number; issuerHost?: string } = {}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${opts.issuerHost ?? '127.0.0.1'}:${port}`;
  const provider = new Provider(issuer, {
    clients: [CLIENT_ID, 'other'].map((id) => ({
      client_id: id, client_secret: id === CLIENT_ID ? CLIENT_SECRET : 'other-secret-0123456789abcdef',
      redirect_uris: redirects, grant_types: ['authorization_code'], response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    findAccount: async (_ctx, sub) => (USERS[sub] ? {
      accountId: sub,
      claims: async () => ({ sub, name: sub, preferred_username: sub, email: USERS[sub]!.email, groups: USERS[sub]!.groups }),
    } : undefined),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['switchyard-test-provider-cookie-key'] },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 60, IdToken: 3600, AccessToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
  });
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      const m = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
      if (!m) return callback(req, res);
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        if (req.method === 'GET') {
          res.setHeader('content-type', 'text/html');
          return res.end(page(details.uid));
        }
        const f = await form(req);
        const user = USERS[f.get('login') ?? ''];
        if (!user || user.password !== f.get('password')) {
          res.setHeader('content-type', 'text/html');
          return res.end(page(details.uid, 'Wrong user or password'));
        }
        return provider.interactionFinished(req, res, { login: { accountId: f.get('login')! } }, { mergeWithLastSubmission: false });
      }
      // Consent: given at once, for what the client asked.
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  return {
    issuer, port,
    stop: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
