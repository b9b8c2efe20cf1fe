// The sign-in page: through the identity provider (when SWITCHYARD_OIDC_* is set) and/or with the
// access token (when SWITCHYARD_TOKEN is set); a failed sign-in comes back here with ?error=.
import { TokenForm } from '@/components/login/token-form';
import { safeNext } from '@/lib/auth/session';
import { securityConfig } from '@/lib/security/config';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
  const next = safeNext(one(q.next));
  const error = one(q.error)?.slice(0, 400) ?? null;
  const c = securityConfig();
  const provider = c.oidc ? new URL(c.oidc.issuer).host : null;
  return (
    <main className="mx-auto mt-24 max-w-sm p-4">
      <h1 className="mb-2 text-lg font-semibold">Switchyard</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">This dashboard drives a Docker engine: sign in to see it, and to change it where your role allows.</p>
      {error ? <p role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200" data-testid="sign-in-error">{error}</p> : null}
      {provider ? (
        // A plain link: a navigation to the provider and back, no script needed.
        <a href={`/api/auth/login?next=${encodeURIComponent(next)}`} className="mb-4 block rounded bg-blue-600 px-3 py-2 text-center text-sm font-semibold text-white" data-testid="sign-in-oidc">
          Sign in with {provider}
        </a>
      ) : null}
      {c.token ? (
        <>
          {provider ? <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">Or, with the access token (SWITCHYARD_TOKEN):</p> : <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">Enter the access token (SWITCHYARD_TOKEN) it was started with.</p>}
          <TokenForm next={next} />
        </>
      ) : null}
      {!provider && !c.token ? <p className="text-sm">Nothing to sign in to: this Switchyard is open to this machine only.</p> : null}
    </main>
  );
}
