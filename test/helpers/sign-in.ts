/**
 * A sign-in through Switchyard and the test provider without a browser: every redirect followed
 * by hand with a cookie jar per origin, the provider's login form filled in. The whole sign-in in
 * a real browser is e2e/sign-in.spec.ts; this is for the system tests' many sign-ins.
 */

export class Jar {
  private byOrigin = new Map<string, Map<string, string>>();
  take(origin: string, res: Response) {
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const name = pair!.slice(0, pair!.indexOf('=')).trim();
      const value = pair!.slice(pair!.indexOf('=') + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (gone) jar.delete(name); else jar.set(name, value);
    }
    this.byOrigin.set(origin, jar);
  }
  header(origin: string): string {
    return [...(this.byOrigin.get(origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(origin: string, name: string): string | undefined {
    return this.byOrigin.get(origin)?.get(name);
  }
  set(origin: string, name: string, value: string) {
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.byOrigin.set(origin, jar);
  }
}

export interface SignInResult {
  jar: Jar;
  /** The callback address the provider sent the browser to (with its code). */
  callback: string | null;
  /** Where Switchyard sent the browser at the end (/ or /login?error=...). */
  landed: string;
  /** Switchyard's flow cookie as it was when the provider sent the browser back. */
  flowCookie: string | null;
}

export interface SignInOptions {
  /** Changes the provider's authorization address before it is opened (another client id, say). */
  authUrl?: (u: URL) => void;
  /** Stop before Switchyard's callback is opened. */
  stopAtCallback?: boolean;
  next?: string;
  jar?: Jar;
}

/** Signs `user` in to the Switchyard at `app` (its origin), through the provider it is configured with. */
export async function signIn(app: string, user: string, password: string, o: SignInOptions = {}): Promise<SignInResult> {
  const jar = o.jar ?? new Jar();
  let url = `${app}/api/auth/login${o.next ? `?next=${encodeURIComponent(o.next)}` : ''}`;
  let method = 'GET';
  let body: string | undefined;
  let callback: string | null = null;
  let flowCookie: string | null = null;
  for (let hop = 0; hop < 20; hop++) {
    const origin = new URL(url).origin;
    if (url.startsWith(`${app}/api/auth/callback`)) {
      callback = url;
      flowCookie = jar.get(app, 'switchyard_oidc') ?? null;
      if (o.stopAtCallback) return { jar, callback, landed: url, flowCookie };
    }
    const res = await fetch(url, {
      method, body, redirect: 'manual',
      headers: { cookie: jar.header(origin), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    jar.take(origin, res);
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (url === `${app}/api/auth/login${o.next ? `?next=${encodeURIComponent(o.next)}` : ''}` && o.authUrl && next.origin !== app) o.authUrl(next);
      if (origin === app && !next.pathname.startsWith('/api/auth/') && next.origin === app) return { jar, callback, landed: next.pathname + next.search, flowCookie };
      url = next.href;
      method = 'GET';
      body = undefined;
      continue;
    }
    const text = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(text)?.[1];
    if (res.status === 200 && action && !text.includes('role="alert"')) {
      url = new URL(action, url).href;
      method = 'POST';
      body = new URLSearchParams({ login: user, password }).toString();
      continue;
    }
    throw new Error(`sign-in stopped at ${url}: ${res.status} ${text.slice(0, 300)}`);
  }
  throw new Error('sign-in did not end within 20 redirects');
}
