/** Network requests to the engine. Raw Engine objects out. */
import 'server-only';
import { engineCall } from './client';
import type { RawNetwork } from './engine-types';

export function inspectNetwork(id: string): Promise<RawNetwork> {
  return engineCall(`GET /networks/${id.slice(0, 12)}`, (d, signal) =>
    d.getNetwork(id).inspect({ abortSignal: signal } as never) as unknown as Promise<RawNetwork>);
}
