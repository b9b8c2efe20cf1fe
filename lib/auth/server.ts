/** The server's one AuthStore (auth.db in the data directory), kept on globalThis for the proxy and the routes alike. */
import 'server-only';
import { join } from 'node:path';
import { dataDir } from '@/lib/config/data-dir';
import { AuthStore } from './store';

const KEY = Symbol.for('switchyard.auth-store');

export const authStorePath = () => join(dataDir(), 'auth.db');

export function authStore(): AuthStore {
  const g = globalThis as unknown as Record<symbol, AuthStore | undefined>;
  return (g[KEY] ??= new AuthStore(authStorePath()));
}
