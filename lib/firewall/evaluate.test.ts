import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide, decideConnection, type Firewall } from './decide';
import { evaluateChain, type Packet } from './evaluate';
import { parseIptablesSave, tokenize } from './iptables';
import { nftStops } from './nft';

// Recorded on the lab host (Debian docker.io 20.10, iptables 1.8.9 nf_tables) with five
// DOCKER-USER rules inserted for the recording and removed after it.
const save = readFileSync(new URL('./fixtures/engine-20.10-nft.iptables-save.txt', import.meta.url), 'utf8');
const rs = parseIptablesSave(save, 4);

const fw = (over: Partial<Firewall> = {}): Firewall => ({
  read: true, reason: null, rulesets: [{ backend: 'nft', rs }], nft: [], sets: null,
  bridgeNf: { v4: true, v6: true }, sources: [], checksum: 'x', readAt: '', ...over,
});

const pkt = (over: Partial<Packet>): Packet => ({ family: 4, src: '10.0.0.1', dst: '10.0.0.2', iif: 'br-a', oif: 'br-a', proto: 'tcp', dport: 80, ctstate: 'NEW', ...over });

describe('parseIptablesSave', () => {
  it('reads tables, policies and rules with their positions', () => {
    const filter = rs.tables.get('filter')!;
    expect(filter.chains.get('FORWARD')!.policy).toBe('DROP');
    expect(filter.chains.get('DOCKER-USER')!.policy).toBeNull();
    const user = filter.chains.get('DOCKER-USER')!.rules;
    expect(user.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(user[0]!.matches.src).toEqual({ not: false, value: ['192.168.231.11/32'] });
    expect(user[0]!.comment).toBe('switchyard fixture: pair');
    expect(user[1]!.matches.dport).toEqual({ not: false, value: [[6379, 6379]] });
    expect(user[1]!.target).toBe('REJECT');
    expect(user[3]!.unknown).toEqual(['-m recent --rcheck --name seen --mask 255.255.255.255 --rsource']);
    expect(user[4]!.matches.dport!.value).toEqual([[8080, 8080], [18000, 18100]]);
    expect(user[4]!.matches.ctstate).toEqual({ not: false, value: ['NEW'] });
    expect(rs.tables.get('nat')!.chains.get('DOCKER')!.rules.length).toBeGreaterThan(5);
  });

  it('reads negations and quoted comments', () => {
    expect(tokenize('-A X -m comment --comment "a b \\"c\\"" -j DROP')).toEqual(['-A', 'X', '-m', 'comment', '--comment', 'a b "c"', '-j', 'DROP']);
    const r = parseIptablesSave('*filter\n:X - [0:0]\n-A X ! -s 10.0.0.0/8 -m conntrack ! --ctstate ESTABLISHED -j DROP\nCOMMIT\n', 4).tables.get('filter')!.chains.get('X')!.rules[0]!;
    expect(r.matches.src).toEqual({ not: true, value: ['10.0.0.0/8'] });
    expect(r.matches.ctstate).toEqual({ not: true, value: ['ESTABLISHED'] });
  });
});

describe('evaluateChain on DOCKER-USER', () => {
  const ev = (p: Partial<Packet>) => evaluateChain(rs, 'filter', 'DOCKER-USER', pkt(p));

  it('drops the pair its rule names, one way only', () => {
    const d = ev({ src: '192.168.231.11', dst: '192.168.231.12', iif: 'br-3a4529615b46', oif: 'br-3a4529615b46' });
    expect(d.verdict).toBe('drop');
    expect(d.rule!.position).toBe(1);
    // The reply direction is not the rule's: the unevaluable rule 4 is met next.
    const back = ev({ src: '192.168.231.12', dst: '192.168.231.11' });
    expect(back.verdict).toBe('unknown');
    expect(back.rule!.position).toBe(4);
  });

  it('rejects a port on one bridge, not another port', () => {
    expect(ev({ oif: 'br-0dc1a3ac541e', dport: 6379 })).toMatchObject({ verdict: 'reject', rule: { position: 2 } });
    expect(ev({ oif: 'br-0dc1a3ac541e', dport: 6380 }).verdict).toBe('unknown');
  });

  it('drops a subnet to a subnet', () => {
    expect(ev({ src: '172.38.1.2', dst: '10.201.0.2' })).toMatchObject({ verdict: 'drop', rule: { position: 3 } });
  });

  it('answers ping with the protocol rules left out', () => {
    const d = evaluateChain(rs, 'filter', 'DOCKER-USER', pkt({ oif: 'br-0dc1a3ac541e', proto: 'icmp', dport: null }));
    expect(d.verdict).toBe('unknown'); // rule 2 is tcp only; rule 4 cannot be evaluated
    expect(d.rule!.position).toBe(4);
  });

  it('falls through to Docker (continue) when nothing matches, and walks jumps', () => {
    const plain = parseIptablesSave('*filter\n:FORWARD DROP [0:0]\n:DOCKER-USER - [0:0]\n:MINE - [0:0]\n-A FORWARD -j DOCKER-USER\n-A DOCKER-USER -s 10.1.0.0/16 -j MINE\n-A DOCKER-USER -j RETURN\n-A MINE -p tcp --dport 22 -j DROP\n-A MINE -j RETURN\nCOMMIT\n', 4);
    expect(evaluateChain(plain, 'filter', 'DOCKER-USER', pkt({ src: '10.2.0.1' })).verdict).toBe('continue');
    expect(evaluateChain(plain, 'filter', 'DOCKER-USER', pkt({ src: '10.1.0.1', dport: 22 }))).toMatchObject({ verdict: 'drop', rule: { chain: 'MINE', position: 1 } });
    expect(evaluateChain(plain, 'filter', 'DOCKER-USER', pkt({ src: '10.1.0.1', dport: 23 })).verdict).toBe('continue');
    // A built-in chain ends in its policy.
    const fwd = evaluateChain(plain, 'filter', 'FORWARD', pkt({ src: '10.2.0.1' }));
    expect(fwd.verdict).toBe('drop');
    expect(fwd.rule!.text).toContain('policy');
  });

  it('with the source left open, a rule on some sources narrows instead of deciding', () => {
    const plain = parseIptablesSave('*filter\n:DOCKER-USER - [0:0]\n-A DOCKER-USER -s 203.0.113.0/24 -p tcp --dport 80 -j DROP\n-A DOCKER-USER -i eth0 -p tcp --dport 81 -j DROP\n-A DOCKER-USER -j RETURN\nCOMMIT\n', 4);
    const d = evaluateChain(plain, 'filter', 'DOCKER-USER', pkt({ src: null, iif: 'eth0', dport: 80 }));
    expect(d.verdict).toBe('continue');
    expect(d.narrowed).toMatchObject([{ action: 'drop', sources: '203.0.113.0/24' }]);
    expect(evaluateChain(plain, 'filter', 'DOCKER-USER', pkt({ src: null, iif: 'eth0', dport: 81 })).verdict).toBe('drop');
  });
});

describe('decide', () => {
  it('evaluates FORWARD only up to DOCKER-USER: Docker\'s own rules after it are the topology\'s', () => {
    // FORWARD's policy is DROP and a foreign pair meets Docker's isolation after DOCKER-USER: not our verdict.
    const clean = parseIptablesSave(save.replace(/^-A DOCKER-USER (?!-j RETURN).*$/gm, ''), 4);
    expect(decide(fw({ rulesets: [{ backend: 'nft', rs: clean }] }), pkt({ src: '172.38.1.2', dst: '10.201.0.2' }), 'forward')).toBeNull();
    const note = decide(fw(), pkt({ src: '172.38.1.2', dst: '10.201.0.2' }), 'forward')!;
    expect(note.verdict).toBe('drop');
    expect(note.text).toBe('dropped by DOCKER-USER rule 3 (iptables filter table): -A DOCKER-USER -s 172.38.0.0/16 -d 10.201.0.0/24 -j DROP');
  });

  it('leaves same-bridge traffic alone where bridged packets skip iptables', () => {
    const p = pkt({ src: '192.168.231.11', dst: '192.168.231.12', iif: 'br-3a4529615b46', oif: 'br-3a4529615b46' });
    expect(decide(fw(), p, 'forward', { sameBridge: true })!.verdict).toBe('drop');
    expect(decide(fw({ bridgeNf: { v4: false, v6: false } }), p, 'forward', { sameBridge: true })).toBeNull();
  });

  it('says nothing when the firewall was not read, and a native nftables drop makes it unknown', () => {
    expect(decide(fw({ read: false, reason: 'iptables is not installed' }), pkt({}), 'forward')).toBeNull();
    const nft = nftStops({ nftables: [
      { chain: { family: 'inet', table: 'firewalld', name: 'filter_FORWARD', handle: 1, type: 'filter', hook: 'forward', prio: 10, policy: 'accept' } },
      { rule: { family: 'inet', table: 'firewalld', chain: 'filter_FORWARD', handle: 7, expr: [{ match: { op: '==', left: { payload: { protocol: 'ip', field: 'saddr' } }, right: { prefix: { addr: '10.9.0.0', len: 16 } } } }, { reject: null }] } },
      { chain: { family: 'ip', table: 'filter', name: 'FORWARD', handle: 2, type: 'filter', hook: 'forward', prio: 0, policy: 'drop' } },
    ] });
    expect(nft).toEqual([{ family: 'inet', table: 'firewalld', chain: 'filter_FORWARD', hook: 'forward', handle: 7, position: 1, text: 'ip saddr 10.9.0.0/16 reject' }]);
    const clean = parseIptablesSave('*filter\n:FORWARD ACCEPT [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\nCOMMIT\n', 4);
    const note = decide(fw({ rulesets: [{ backend: 'nft', rs: clean }], nft }), pkt({}), 'forward')!;
    expect(note.verdict).toBe('unknown');
    expect(note.text).toContain('rule 1 (handle 7) of nftables chain inet firewalld filter_FORWARD');
  });

  it('a legacy rule and an nf_tables rule both apply', () => {
    const legacy = parseIptablesSave('*filter\n:FORWARD ACCEPT [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A DOCKER-USER -d 10.0.0.2/32 -j DROP\nCOMMIT\n', 4);
    const clean = parseIptablesSave('*filter\n:FORWARD ACCEPT [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\nCOMMIT\n', 4);
    const note = decide(fw({ rulesets: [{ backend: 'nft', rs: clean }, { backend: 'legacy', rs: legacy }] }), pkt({}), 'forward')!;
    expect(note.verdict).toBe('drop');
  });

  it('a rule on one direction without a state match cuts the other direction\'s connections too (their replies)', () => {
    const one = parseIptablesSave('*filter\n:FORWARD ACCEPT [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A DOCKER-USER -s 10.0.0.2/32 -d 10.0.0.1/32 -j DROP\n-A DOCKER-USER -p tcp --dport 9000 -j DROP\nCOMMIT\n', 4);
    const f = fw({ rulesets: [{ backend: 'nft', rs: one }] });
    const note = decideConnection(f, pkt({ src: '10.0.0.1', dst: '10.0.0.2', dport: 80 }), 'forward')!;
    expect(note.verdict).toBe('drop');
    expect(note.text).toMatch(/^answered, but the replies are dropped by DOCKER-USER rule 1/);
    // A reply goes to the client's ephemeral port: a rule on port 9000 (outside 32768-60999) cannot match it.
    expect(decideConnection(f, pkt({ src: '10.0.0.3', dst: '10.0.0.4', dport: 80 }), 'forward')).toBeNull();
    const stateful = parseIptablesSave('*filter\n:FORWARD ACCEPT [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN\n-A DOCKER-USER -s 10.0.0.2/32 -d 10.0.0.1/32 -j DROP\nCOMMIT\n', 4);
    expect(decideConnection(fw({ rulesets: [{ backend: 'nft', rs: stateful }] }), pkt({ src: '10.0.0.1', dst: '10.0.0.2', dport: 80 }), 'forward')).toBeNull();
  });

  it('an ACCEPT in DOCKER-USER is said (Docker\'s own rules are never met), on the first packet only', () => {
    const acc = parseIptablesSave('*filter\n:FORWARD DROP [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A DOCKER-USER -s 10.0.0.1/32 -d 10.1.0.1/32 -j ACCEPT\nCOMMIT\n', 4);
    const f = fw({ rulesets: [{ backend: 'nft', rs: acc }] });
    expect(decideConnection(f, pkt({ src: '10.0.0.1', dst: '10.1.0.1', oif: 'br-b' }), 'forward')).toMatchObject({ verdict: 'accept', rule: { position: 1 } });
    // The other way, only its replies would match: nothing is said.
    expect(decideConnection(f, pkt({ src: '10.1.0.1', dst: '10.0.0.1', iif: 'br-b' }), 'forward')).toBeNull();
  });
});
