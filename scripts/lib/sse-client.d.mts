/** Types for sse-client.mjs. */
export interface SeenEvent {
  at: number;
  event: string;
  data: unknown;
}
export function followEvents(port: number, path?: string): { seen: SeenEvent[]; close: () => void };
