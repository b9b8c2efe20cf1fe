'use client';
/** /access: an admin's tokens and the access log; anyone else is told what role it needs. */
import { useMe } from '@/lib/hooks/use-me';
import { UserBadge } from '../user-badge';
import { AccessLog } from './access-log';
import { TokensPanel } from './tokens-panel';

export function AccessView() {
  const { me, can, error } = useMe(null);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-4 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h1 className="text-lg font-semibold tracking-tight">Switchyard · tokens and sign-ins</h1>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full navigation: the dashboard starts with its own data */}
        <a className="text-sm text-sky-700 underline dark:text-sky-400" href="/">Dashboard</a>
        <UserBadge me={me} role={can.manageAccess ? 'admin' : null} manageAccess={false} />
      </header>
      <main className="flex flex-col gap-4 p-4">
        {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-300">{error.message}</p> : null}
        {me && !can.manageAccess ? <p role="status" className="text-sm" data-testid="access-denied">Tokens and the access log need admin on every engine; {me.principal.name} is not.</p> : null}
        {me && can.manageAccess ? (
          <>
            <TokensPanel engines={me.roles.map((r) => r.engine)} />
            <AccessLog />
          </>
        ) : null}
      </main>
    </div>
  );
}
