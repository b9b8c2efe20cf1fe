'use client';
/** An admin's API tokens: make one (shown once), see each one's role, scope, expiry and last use, revoke. */
import { useState, type FormEvent } from 'react';
import { useTokens, type CreatedToken } from '@/lib/hooks/use-access';
import { CopyValue } from '../copy-value';

const input = 'rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900';

export function TokensPanel({ engines }: { engines: string[] }) {
  const { data, error, create, revoke } = useTokens();
  const [name, setName] = useState('');
  const [role, setRole] = useState('viewer');
  const [engine, setEngine] = useState('');
  const [expires, setExpires] = useState('90d');
  const [made, setMade] = useState<CreatedToken | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      setMade(await create({ name, role, engine: engine || null, expires }));
      setName('');
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  // When the page looked: tokens past their expiry then are shown expired (the server checks for itself).
  const [now] = useState(() => Date.now());
  return (
    <section aria-label="API tokens" className="rounded border border-slate-200 p-3 dark:border-slate-800" data-testid="tokens-panel">
      <h2 className="text-sm font-semibold">API tokens</h2>
      <p className="text-xs text-slate-600 dark:text-slate-400">For scripts: <code>Authorization: Bearer &lt;token&gt;</code>. Only a hash is kept; the token is shown once. The same from a shell: <code>npm run token -- create --role viewer --name ci</code>.</p>
      <form onSubmit={(e) => void submit(e)} className="mt-2 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col text-xs">Name<input required value={name} onChange={(e) => setName(e.target.value)} className={input} data-testid="token-name" /></label>
        <label className="flex flex-col text-xs">Role
          <select value={role} onChange={(e) => setRole(e.target.value)} className={input} data-testid="token-role">
            <option value="viewer">viewer</option><option value="operator">operator</option><option value="admin">admin</option>
          </select>
        </label>
        <label className="flex flex-col text-xs">Engine
          <select value={engine} onChange={(e) => setEngine(e.target.value)} className={input}>
            <option value="">every engine</option>
            {engines.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-xs">Expires after
          <select value={expires} onChange={(e) => setExpires(e.target.value)} className={input}>
            {['1d', '30d', '90d', '365d', 'never'].map((v) => <option key={v} value={v}>{v === 'never' ? 'never' : v.replace('d', ' days').replace(/^1 days$/, '1 day')}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded bg-blue-600 px-3 py-1 text-sm font-semibold text-white" data-testid="token-create">Make token</button>
      </form>
      {problem ? <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">{problem}</p> : null}
      {made ? (
        <div role="status" className="mt-2 rounded border border-emerald-300 bg-emerald-50 p-2 text-xs text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100" data-testid="token-made">
          <p className="font-semibold">Token {made.record.name} ({made.record.role}{made.record.engine ? ` on ${made.record.engine}` : ''}): copy it now, it is not shown again.</p>
          <CopyValue value={made.token} label="the token" display={<code className="font-mono text-xs break-all" data-testid="token-value">{made.token}</code>} />
        </div>
      ) : null}
      {error ? <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">{(error as Error).message}</p> : null}
      <table className="mt-3 w-full text-left text-xs">
        <thead><tr className="text-slate-600 dark:text-slate-400"><th>name</th><th>role</th><th>engine</th><th>made</th><th>expires</th><th>last used</th><th><span className="sr-only">actions</span></th></tr></thead>
        <tbody>
          {(data?.tokens ?? []).map((t) => {
            const gone = t.revokedAt ? `revoked by ${t.revokedBy}` : t.expiresAt && Date.parse(t.expiresAt) <= now ? 'expired' : null;
            return (
              <tr key={t.id} className={gone ? 'text-slate-600 line-through decoration-slate-400 dark:text-slate-400' : ''} data-testid="token-row" data-token-id={t.id}>
                <td title={t.id}>{t.name}</td><td>{t.role}</td><td>{t.engine ?? 'every'}</td>
                <td title={t.createdAt}>{t.createdBy}</td>
                <td>{t.expiresAt ? new Date(t.expiresAt).toLocaleDateString() : 'never'}</td>
                <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'}</td>
                <td>{gone ? <span className="no-underline">{gone}</span> : <button type="button" onClick={() => void revoke(t.id).catch((err: Error) => setProblem(err.message))} className="text-red-700 underline dark:text-red-300" aria-label={`Revoke ${t.name}`}>revoke</button>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {data && data.tokens.length === 0 ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">No tokens yet.</p> : null}
    </section>
  );
}
