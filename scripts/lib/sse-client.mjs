// Follows a Switchyard /api/events stream from Node: every event with its parsed data and the
// time it arrived (performance.now()). Used by the benchmark and the system tests.
import { request } from 'node:http';

export function followEvents(port, path = '/api/events') {
  const seen = [];
  let buf = '';
  const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } }, (res) => {
    res.on('data', (c) => {
      buf += String(c);
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) seen.push({ at: performance.now(), event, data: JSON.parse(data) });
      }
    });
  });
  req.on('error', () => { /* the server went away: the caller sees no more events */ });
  req.end();
  return { seen, close: () => req.destroy() };
}
