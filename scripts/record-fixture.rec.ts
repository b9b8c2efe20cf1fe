/**
 * Records what the engine and the host say right now, as the JSON the unit tests of
 * lib/topology read: `npm run record-fixture` (against the lab: `npm run lab` first).
 * Writes lib/topology/fixtures/engine-<version>-api-<api>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { getEngine } from '@/lib/docker/client';
import { readSnapshot } from '@/lib/docker/snapshot';
import { readHostLinks } from '@/lib/host/links';
import { hostTargets } from '@/lib/store/full-read';

it('records a fixture', async () => {
  const engine = await getEngine();
  const { snapshot } = await readSnapshot();
  const { targets, bridges } = hostTargets(snapshot);
  const links = await readHostLinks(targets, bridges);
  // Only what the lab made, so the fixture does not depend on what else a machine runs.
  const lab = (l?: Record<string, string> | null) => l?.['switchyard.lab'] === '1';
  snapshot.containers = snapshot.containers.filter((c) => lab(c.Config?.Labels));
  const keepIds = new Set(snapshot.containers.map((c) => c.Id));
  snapshot.networks = snapshot.networks.filter((n) => lab(n.Labels) || ['bridge', 'host', 'none'].includes(n.Name));
  snapshot.inspectedAt = Object.fromEntries(Object.entries(snapshot.inspectedAt ?? {}).filter(([id]) => keepIds.has(id)));
  links.containers = Object.fromEntries(Object.entries(links.containers).filter(([id]) => keepIds.has(id)));
  const fixture = {
    recordedFrom: `Docker Engine ${engine.version.Version}, API ${engine.apiVersion}, ${engine.version.Os}/${engine.version.Arch}, scenes of scripts/lab.sh`,
    recordedAt: new Date().toISOString(),
    snapshot,
    hostLinks: links,
  };
  mkdirSync('lib/topology/fixtures', { recursive: true });
  const file = `lib/topology/fixtures/engine-${engine.version.Version.split('+')[0]}-api-${engine.apiVersion}.json`;
  writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`wrote ${file}`);
});
