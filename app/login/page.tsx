'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

/** Asks for SWITCHYARD_TOKEN when Switchyard listens beyond loopback. */
export default function LoginPage() {
  const router = useRouter();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const res = await fetch('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    if (res.ok) router.push('/');
    else setError(((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`);
  };
  return (
    <main className="mx-auto mt-24 max-w-sm p-4">
      <h1 className="mb-2 text-lg font-semibold">Switchyard</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">This dashboard drives a Docker engine. Enter the access token (SWITCHYARD_TOKEN) it was started with.</p>
      <form onSubmit={submit} className="flex flex-col gap-2">
        <label className="text-sm">Access token
          <input type="password" autoComplete="current-password" value={token} onChange={(e) => setToken(e.target.value)} className="w-full rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900" />
        </label>
        <button type="submit" className="rounded bg-blue-600 px-3 py-1 text-sm font-semibold text-white">Log in</button>
        {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-300">{error}</p> : null}
      </form>
    </main>
  );
}
