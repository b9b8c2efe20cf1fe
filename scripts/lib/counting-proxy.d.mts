/** Types for counting-proxy.mjs (used by the benchmark and the system tests). */
export interface CountingProxy {
  path: string;
  counts: { requests: number; byPath: Record<string, number> };
  cut: () => void;
  close: () => Promise<void>;
}
export function startCountingProxy(listenPath: string, upstreamPath: string): Promise<CountingProxy>;
