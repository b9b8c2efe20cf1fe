// The Topology is a public contract (README "Topology"): scripts read its fields. This test
// compares the schema the API now serves (GET /api/openapi.json's Topology and
// TopologyPatch, made from lib/topology/types) with the one recorded in
// lib/topology/fixtures/topology.contract.json, field by field. A removed or renamed field,
// a changed type, or a required field made optional fails; added fields pass (record them with
// RECORD_CONTRACT=1 npx vitest run --project unit lib/topology/contract.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/openapi/document';
import { buildTopology } from './build';
import { topologySchema } from './types';

type Field = { types: string[]; required: boolean };
const FILE = join(__dirname, 'fixtures/topology.contract.json');

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON Schema */
/** Every field of a JSON Schema by path (`networks[].subnets[].gateway`), with its types and whether it is required. */
export function fields(schema: any, path = '', required = true, out: Record<string, Field> = {}): Record<string, Field> {
  const alts: any[] = schema.anyOf ?? schema.oneOf ?? [schema];
  const types = new Set<string>();
  for (const a of alts) {
    for (const t of [a.type ?? (a.properties ? 'object' : 'any')].flat()) types.add(t);
    if (a.nullable) types.add('null');
  }
  if (path) out[path] = { types: [...types].sort(), required };
  for (const a of alts) {
    if (a.properties) for (const [k, v] of Object.entries(a.properties)) fields(v, path ? `${path}.${k}` : k, (a.required ?? []).includes(k), out);
    if (a.items) fields(a.items, `${path}[]`, true, out);
    if (a.additionalProperties && typeof a.additionalProperties === 'object') fields(a.additionalProperties, `${path}{}`, true, out);
  }
  return out;
}

function served() {
  const doc = openApiDocument('contract') as any;
  return { Topology: fields(doc.components.schemas.Topology), TopologyPatch: fields(doc.components.schemas.TopologyPatch) };
}

describe('the Topology contract', () => {
  const now = served();
  if (process.env.RECORD_CONTRACT === '1') {
    // One field a line, so a change to the contract reads as a diff of fields.
    const block = (f: Record<string, Field>) => Object.entries(f).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
    writeFileSync(FILE, `{\n  "Topology": {\n${block(now.Topology)}\n  },\n  "TopologyPatch": {\n${block(now.TopologyPatch)}\n  }\n}\n`);
  }
  const was = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, Record<string, Field>>;

  for (const name of ['Topology', 'TopologyPatch'] as const) {
    it(`${name}: every recorded field is still there, with its type, as required as it was`, () => {
      const problems: string[] = [];
      expect(Object.keys(was[name]!).length).toBeGreaterThan(name === 'Topology' ? 80 : 20);
      for (const [path, f] of Object.entries(was[name]!)) {
        const n = now[name][path];
        if (!n) problems.push(`${path}: removed or renamed`);
        else if (n.types.join('|') !== f.types.join('|')) problems.push(`${path}: was ${f.types.join('|')}, now ${n.types.join('|')}`);
        else if (f.required && !n.required) problems.push(`${path}: was always there, now optional`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('fails on a removed, renamed or retyped field (the check itself)', () => {
    const t = structuredClone(now.Topology);
    delete t['containers[].networkMode'];
    t['endpoints[].ipv4'] = { types: ['number'], required: true };
    const missing = Object.keys(now.Topology).filter((p) => !t[p]);
    expect(missing).toEqual(['containers[].networkMode']);
    expect(t['endpoints[].ipv4']!.types).not.toEqual(now.Topology['endpoints[].ipv4']!.types);
  });

  it('is exactly what buildTopology makes from engine JSON (recorded from Engine 20.10, and in Engine 27\'s shape): no field outside the schema', () => {
    for (const f of ['engine-20.10.24-api-1.41.json', 'engine-27.5.1-api-1.47-handmade.json']) {
      const { snapshot, hostLinks } = JSON.parse(readFileSync(join(__dirname, 'fixtures', f), 'utf8'));
      const t = buildTopology(snapshot, { links: hostLinks });
      expect(t.containers.length, f).toBeGreaterThan(10);
      // zod drops what it does not declare: equal means every field made is declared, with its type.
      expect(topologySchema.parse(t), f).toEqual(t);
    }
  });
});
