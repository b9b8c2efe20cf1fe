// A unix-socket proxy in front of an engine that counts the HTTP requests going through it,
// so a benchmark can say how many engine requests something cost without asking Switchyard.
// cut() drops every open connection (the event stream included), as a lost connection would.
import { rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

const REQUEST_LINE = /(?:^|\r\n)(GET|HEAD|POST|PUT|DELETE) (\S+) HTTP\/1\.[01]\r\n/g;

export async function startCountingProxy(listenPath, upstreamPath) {
  rmSync(listenPath, { force: true });
  const sockets = new Set();
  const counts = { requests: 0, byPath: {} };
  const server = createServer((client) => {
    const upstream = createConnection(upstreamPath);
    sockets.add(client).add(upstream);
    let tail = '';
    client.on('data', (chunk) => {
      const text = tail + chunk.toString('latin1');
      for (const m of text.matchAll(REQUEST_LINE)) {
        counts.requests++;
        const route = `${m[1]} ${m[2].replace(/^\/v\d+\.\d+/, '').replace(/[0-9a-f]{12,64}/g, '{id}').replace(/\?.*$/, '')}`;
        counts.byPath[route] = (counts.byPath[route] ?? 0) + 1;
      }
      tail = text.slice(-200); // a request line split across chunks is counted once its end arrives
      tail = tail.slice(tail.lastIndexOf('\r\n') + 2);
    });
    client.pipe(upstream).pipe(client);
    const end = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise((resolve) => server.listen(listenPath, resolve));
  return {
    path: listenPath,
    counts,
    cut: () => { for (const s of sockets) s.destroy(); },
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}
