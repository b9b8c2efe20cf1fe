/** Types for sse-client.mjs. */
export interface SeenEvent {
  at: number;
  event: string;
  data: unknown;
}
export function followEvents(port: number, path?: string, opts?: { onEvent?: (e: SeenEvent) => void; onEnd?: () => void; keep?: boolean }): { seen: SeenEvent[]; close: () => void };
