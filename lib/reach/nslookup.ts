/** What nslookup printed, as addresses. Pure. */

/** The answer addresses of busybox or bind nslookup output (after the "Name:" line; the server's own address comes before). */
export function nslookupAddresses(output: string): string[] {
  const out: string[] = [];
  let answer = false;
  for (const line of output.split('\n')) {
    if (/^Name:/i.test(line.trim())) answer = true;
    const m = /^Address(?:\s+\d+)?:\s*([0-9.]+)(?:\s|$)/i.exec(line.trim());
    if (answer && m) out.push(m[1]!);
  }
  return [...new Set(out)];
}
