import { describe, expect, it } from 'vitest';
import { parseNamespace } from '@/lib/host/proc-net-sockets';
import { fromWire, toWire } from './protocol';
import { AGENT_LABEL, agentCommand, agentCreateBody, runningAgent } from './spec';

describe('the agent container', () => {
  it('is found among the engine\'s containers by its label, only while it runs', () => {
    const agent = { Id: 'a1', Config: { Labels: { [AGENT_LABEL]: 'remote' } }, State: { Running: true } };
    const other = { Id: 'b2', Config: { Labels: { 'com.docker.compose.project': 'x' } }, State: { Running: true } };
    expect(runningAgent([other, agent])).toBe('a1');
    expect(runningAgent([other, { ...agent, State: { Running: false } }])).toBeNull();
    expect(runningAgent([])).toBeNull();
  });

  it('asks for the least it needs, and the CLI line says the same', () => {
    const b = agentCreateBody('switchyard', 'remote');
    expect(b.HostConfig).toMatchObject({ PidMode: 'host', NetworkMode: 'host', ReadonlyRootfs: true, CapDrop: ['ALL'], CapAdd: ['SYS_PTRACE', 'DAC_READ_SEARCH'], SecurityOpt: ['no-new-privileges'] });
    expect(b.HostConfig).not.toHaveProperty('PortBindings');
    expect(b.Labels[AGENT_LABEL]).toBe('remote');
    const cli = agentCommand('switchyard', 'remote');
    for (const flag of ['--pid host', '--network host', '--cap-drop ALL', '--cap-add SYS_PTRACE', '--cap-add DAC_READ_SEARCH', '--read-only', '--security-opt no-new-privileges', `--label ${AGENT_LABEL}=remote`]) expect(cli).toContain(flag);
    expect(cli).not.toMatch(/ -p /);
  });

  it('sends a namespace\'s sockets as JSON and back unchanged (its Map as entries)', () => {
    // Recorded from busybox nc listening on 7777 in a container on Engine 20.10 (Linux 6.1).
    const tcp = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000:1E61 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20116212 1 0000000000000000 100 0 0 10 0\n   1: 020012AC:1E61 030012AC:B2A4 01 00000000:00000000 00:00000000 00000000     0        0 20116300 1 0000000000000000 20 4 30 10 -1\n';
    const s = parseNamespace({ tcp, tcp6: '', udp: '', udp6: '' });
    const back = fromWire(JSON.parse(JSON.stringify(toWire(s))));
    expect(back).toEqual(s);
    expect(back.listenInodes.get(7777)).toEqual([20116212]);
  });
});
