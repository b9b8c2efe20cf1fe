/**
 * The container and image calls Switchyard's agent needs (lib/agent): list by label, create
 * and start, remove, whether an image is there, and an image copied from one engine to
 * another (docker save | docker load, both through the engines' APIs). Raw engine calls only.
 */
import 'server-only';
import type { EngineConnection } from './client';
import type { RawContainerSummary } from './engine-types';
import { EngineError } from './errors';

/** Copying an image between engines may take a while (a few hundred MB). */
const COPY_MS = 300_000;

export function containersLabelled(conn: EngineConnection, label: string): Promise<RawContainerSummary[]> {
  return conn.call('GET /containers/json', (d, signal) => d.listContainers({ all: true, filters: { label: [label] }, abortSignal: signal }));
}

/** Creates a container from `body` (the Engine API's create body) and starts it; answers its id. */
export async function createAndStart(conn: EngineConnection, name: string, body: Record<string, unknown>): Promise<string> {
  const { id } = await conn.call('POST /containers/create', (d, signal) => d.createContainer({ ...body, name, abortSignal: signal }));
  await conn.call(`POST /containers/${name}/start`, (d, signal) => d.getContainer(id).start({ abortSignal: signal }));
  return id;
}

export function removeContainer(conn: EngineConnection, id: string): Promise<void> {
  return conn.call(`DELETE /containers/${id.slice(0, 12)}`, (d, signal) => d.getContainer(id).remove({ force: true, abortSignal: signal }));
}

export async function hasImage(conn: EngineConnection, image: string): Promise<boolean> {
  try {
    await conn.call(`GET /images/${image}/json`, (d, signal) => d.getImage(image).inspect({ abortSignal: signal }));
    return true;
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'not-found') return false;
    throw err;
  }
}

/** `docker save IMAGE | docker -H TO load`, streamed from one engine to the other. */
export async function copyImage(from: EngineConnection, to: EngineConnection, image: string): Promise<void> {
  const tar = await from.call(`GET /images/${image}/get`, (d) => d.getImage(image).get(), COPY_MS);
  const progress = await to.call('POST /images/load', (d, signal) => d.loadImage(tar, { abortSignal: signal }), COPY_MS);
  // The engine answers as it loads: done at the end of its answer.
  await new Promise<void>((resolve, reject) => {
    progress.on('error', reject);
    progress.on('end', () => resolve());
    progress.resume();
  });
}
