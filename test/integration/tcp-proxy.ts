/**
 * A TCP listener on 127.0.0.1 that forwards to the engine's unix socket: a tcp:// DOCKER_HOST
 * for tests. It can also cut every open connection (an event stream included) and refuse new
 * ones for a while, as a network between Switchyard and a remote engine would.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Destroys every open connection. */
  cut: () => void;
  /** While true, new connections are closed at once. */
  refuse: (on: boolean) => void;
  close: () => Promise<void>;
}

export async function startTcpToUnixProxy(socketPath = '/var/run/docker.sock'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let refusing = false;
  const server: Server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = createConnection(socketPath);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const cut = () => { for (const s of sockets) s.destroy(); };
  return {
    port,
    cut,
    refuse: (on) => { refusing = on; },
    close: () => new Promise<void>((resolve) => {
      cut();
      server.close(() => resolve());
    }),
  };
}
