import { describe, expect, it } from 'vitest';
import { ids } from '@/lib/graph/ids';
import type { GraphElement } from '@/lib/graph/elements';
import { exposureLayer } from './exposure';
import { drawnGraph } from './layer';

const node = (id: string): GraphElement => ({ group: 'nodes', data: { id, kind: 'container', ref: id, label: id } } as GraphElement);
const port = { hostIp: '0.0.0.0', hostPort: 6379, containerPort: 6379, protocol: 'tcp' };
const edge = (ctr: string): GraphElement => ({ group: 'edges', data: { id: ids.port(ctr, port), kind: 'port', ref: ctr, source: ids.container(ctr), target: 'host', label: '' } } as GraphElement);

describe('exposureLayer', () => {
  const graph = drawnGraph([node(ids.container('a')), node(ids.container('b')), node(ids.container('c')), node('project:p'), edge('a'), node('host')]);

  it('marks each container with its riskiest port, and the port edges', () => {
    const m = exposureLayer.mark({ ports: [
      { containerId: 'a', risk: 3.5, ...port },
      { containerId: 'a', risk: 1, hostIp: '10.0.0.1', hostPort: 80, containerPort: 80, protocol: 'tcp' },
      { containerId: 'b', risk: 1, ...port },
      { containerId: 'c', risk: 0, hostIp: '127.0.0.1', hostPort: 80, containerPort: 80, protocol: 'tcp' },
    ] }, graph);
    expect(m.marks.get(ids.container('a'))).toEqual(['exposed-all']);
    expect(m.marks.get(ids.port('a', port))).toEqual(['exposed-port']);
    expect(m.marks.get(ids.container('b'))).toEqual(['exposed-narrowed']);
    expect(m.marks.has(ids.container('c'))).toBe(false); // loopback only
  });

  it('marks the group a folded container is drawn as, and nothing that is not drawn', () => {
    const m = exposureLayer.mark({ ports: [{ containerId: 'folded', risk: 2, ...port }, { containerId: 'gone', risk: 3, ...port }], drawnAs: new Map([['folded', 'project:p']]) }, graph);
    expect([...m.marks]).toEqual([['project:p', ['exposed']]]);
  });
});
