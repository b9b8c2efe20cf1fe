import { describe, expect, it } from 'vitest';
import type { GraphElement } from '@/lib/graph/elements';
import { ids } from '@/lib/graph/ids';
import { driftLayer } from './drift';
import { drawnGraph } from './layer';

const node = (id: string): GraphElement => ({ group: 'nodes', data: { id } } as GraphElement);
const edge = (id: string, source: string, target: string): GraphElement => ({ group: 'edges', data: { id, source, target } } as GraphElement);

describe('driftLayer', () => {
  const g = drawnGraph([
    node(ids.network('n1')), node(ids.network('n2')), node(ids.container('a')), node(ids.container('b')), node(ids.container('c')), node(ids.project('p')),
    edge(ids.endpoint('n1', 'a'), ids.container('a'), ids.network('n1')), edge(ids.endpoint('n2', 'a'), ids.container('a'), ids.network('n2')),
  ]);
  const extra = { kind: 'extra-network' as const, network: { name: 'n2', id: 'n2', key: null }, running: 'n2', file: null, text: '' };

  it('marks drifted containers by what `up` does, and the edges a recreate cuts', () => {
    const m = driftLayer.mark({
      containers: [
        { containerId: 'a', status: 'drift', up: 'keeps', items: [extra] },
        { containerId: 'b', status: 'drift', up: 'recreates', items: [] },
        { containerId: 'c', status: 'same', up: 'keeps', items: [] },
      ],
    }, g);
    expect(Object.fromEntries(m.marks)).toEqual({
      [ids.container('a')]: ['drift'],
      [ids.container('b')]: ['drift-up'],
      [ids.endpoint('n2', 'a')]: ['drift-extra'],
    });
  });

  it('marks a folded group by its worst member, and an unknown container apart', () => {
    const m = driftLayer.mark({
      containers: [
        { containerId: 'x', status: 'unknown', up: null, items: [] },
        { containerId: 'y', status: 'drift', up: 'keeps', items: [] },
        { containerId: 'c', status: 'unknown', up: null, items: [] },
        { containerId: 'z', status: 'drift', up: 'keeps', items: [] },
      ],
      drawnAs: new Map([['x', ids.project('p')], ['y', ids.project('p')]]),
    }, g);
    expect(Object.fromEntries(m.marks)).toEqual({ [ids.project('p')]: ['drift'], [ids.container('c')]: ['drift-unknown'] });
  });
});
