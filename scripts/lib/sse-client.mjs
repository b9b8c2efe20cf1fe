// Follows a Switchyard /api/events stream from Node: every event with its parsed data and the
// time it arrived (performance.now()). Used by the benchmarks, the soak and the system tests.
import { request } from 'node:http';

/**
 * @param opts.onEvent called with each event as it arrives
 * @param opts.onEnd called once when the stream ends or fails
 * @param opts.keep whether to keep every event in `seen` (default true; a soak of an hour does not)
 */
export function followEvents(port, path = '/api/events', opts = {}) {
  const seen = [];
  const keep = opts.keep ?? true;
  let buf = '';
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    opts.onEnd?.();
  };
  const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } }, (res) => {
    res.on('data', (c) => {
      buf += String(c);
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || !data) continue;
        const e = { at: performance.now(), event, data: JSON.parse(data) };
        if (keep) seen.push(e);
        opts.onEvent?.(e);
      }
    });
    res.on('end', end);
    res.on('error', end);
  });
  req.on('error', end); // the server went away: the caller sees no more events
  req.end();
  return { seen, close: () => req.destroy() };
}
