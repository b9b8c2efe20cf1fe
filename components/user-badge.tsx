'use client';
/**
 * Who the page is signed in as, the role here, a link to tokens and sign-ins for an admin, and
 * sign-out. Nothing to show where nothing is configured (loopback: everyone here is admin).
 */
import Link from 'next/link';
import type { Me } from '@/lib/hooks/use-me';
import { useSignOut } from '@/lib/hooks/use-me';

const KIND: Record<Me['principal']['kind'], string> = { loopback: 'this machine', 'admin-token': 'access token', user: 'signed in', token: 'API token' };

export function UserBadge({ me, role, manageAccess }: { me: Me | null; role: string | null; manageAccess: boolean }) {
  const signOut = useSignOut();
  if (!me || me.principal.kind === 'loopback') return null;
  return (
    <div className="ml-auto flex items-center gap-2 text-xs" data-testid="user-badge">
      <span title={`${KIND[me.principal.kind]}: ${me.principal.id}`}>
        <span className="font-semibold" data-testid="user-name">{me.principal.name}</span>
        {' · '}
        <span data-testid="user-role">{role ?? 'no role here'}</span>
      </span>
      {manageAccess ? <Link href="/access" className="text-blue-700 underline dark:text-blue-300">Tokens and sign-ins</Link> : null}
      <button type="button" onClick={() => void signOut()} className="rounded border border-slate-300 px-2 py-0.5 dark:border-slate-600" data-testid="sign-out">Sign out</button>
    </div>
  );
}
