'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

/** The access token (SWITCHYARD_TOKEN, an admin's) for a session cookie. */
export function TokenForm({ next }: { next: string }) {
  const router = useRouter();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const res = await fetch('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    if (res.ok) router.push(next);
    else setError(((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-2">
      <label className="text-sm">Access token
        <input type="password" autoComplete="current-password" value={token} onChange={(e) => setToken(e.target.value)} className="w-full rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900" />
      </label>
      <button type="submit" className="rounded bg-blue-600 px-3 py-1 text-sm font-semibold text-white">Log in</button>
      {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-300">{error}</p> : null}
    </form>
  );
}
