/** Polls `f` until it answers something truthy (that answer), or fails after `ms` naming `what`. */
export async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, ms = 20_000, everyMs = 250): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
