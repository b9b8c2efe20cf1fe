import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ASYNC_SYS, HostInterfaceCache, readContainerInterfaces, SYNC_SYS } from './links';

// A tree shaped like /sys/class/net and /proc/<pid>/root/sys/class/net, as Linux lays them out.
let root = '';
const net = (...p: string[]) => join(root, 'sys/class/net', ...p);
function iface(name: string, ifindex: number) {
  mkdirSync(net(name), { recursive: true });
  writeFileSync(net(name, 'ifindex'), `${ifindex}\n`);
}
function port(bridge: string, name: string) {
  mkdirSync(net(bridge, 'brif'), { recursive: true });
  symlinkSync(`../../${name}/brport`, net(bridge, 'brif', name));
}
afterEach(() => rmSync(root, { recursive: true, force: true }));

// Each read as a whole host's (asynchronously) and as a change's (at once): the same answers.
describe.each([['asynchronously', ASYNC_SYS], ['at once', SYNC_SYS]] as const)('read %s', (_how, io) => {
describe('HostInterfaceCache', () => {
  it('maps ports to bridges, reads only new names, and lists again only the bridges it is given', async () => {
    root = mkdtempSync(join(tmpdir(), 'sy-sys-'));
    iface('eth0', 2);
    iface('docker0', 3);
    iface('br-aaaa', 4);
    iface('veth1', 10);
    port('docker0', 'veth1');
    const cache = new HostInterfaceCache({ sys: join(root, 'sys'), proc: join(root, 'proc') });
    expect(await cache.read(['docker0', 'br-aaaa'], io)).toEqual([
      { name: 'eth0', ifindex: 2, master: null },
      { name: 'docker0', ifindex: 3, master: null },
      { name: 'br-aaaa', ifindex: 4, master: null },
      { name: 'veth1', ifindex: 10, master: 'docker0' },
    ]);
    // veth1 goes, veth2 comes on br-aaaa: only br-aaaa is listed again; docker0's ports are kept.
    rmSync(net('veth1'), { recursive: true });
    rmSync(net('docker0', 'brif'), { recursive: true });
    iface('veth2', 11);
    port('br-aaaa', 'veth2');
    writeFileSync(net('eth0', 'ifindex'), '99\n'); // a known name is not read again
    const after = await cache.read(['br-aaaa'], io);
    expect(after).toEqual([
      { name: 'eth0', ifindex: 2, master: null },
      { name: 'docker0', ifindex: 3, master: null },
      { name: 'br-aaaa', ifindex: 4, master: null },
      { name: 'veth2', ifindex: 11, master: 'br-aaaa' },
    ]);
  });

  it('says why when the host tree cannot be read', async () => {
    root = mkdtempSync(join(tmpdir(), 'sy-sys-'));
    const r = await new HostInterfaceCache({ sys: join(root, 'nope'), proc: root }).read([], io);
    expect(r).toMatchObject({ code: 'host_sys_unreadable' });
  });
});

describe('readContainerInterfaces', () => {
  it('reads each interface\'s peer index and MAC, and says why when the namespace is gone', async () => {
    root = mkdtempSync(join(tmpdir(), 'sy-proc-'));
    const dir = join(root, 'proc/42/root/sys/class/net');
    for (const [name, iflink, mac] of [['eth1', '12', '02:42:ac:11:00:03'], ['eth0', '11', '02:42:ac:11:00:02'], ['lo', '1', '00:00:00:00:00:00']]) {
      mkdirSync(join(dir, name!), { recursive: true });
      writeFileSync(join(dir, name!, 'iflink'), `${iflink}\n`);
      writeFileSync(join(dir, name!, 'address'), `${mac}\n`);
    }
    const paths = { sys: join(root, 'sys'), proc: join(root, 'proc') };
    expect(await readContainerInterfaces('c1', 42, paths, io)).toEqual([
      { name: 'eth0', iflink: 11, mac: '02:42:ac:11:00:02' },
      { name: 'eth1', iflink: 12, mac: '02:42:ac:11:00:03' },
    ]);
    expect(await readContainerInterfaces('c2', 43, paths, io)).toMatchObject({ containerId: 'c2', code: 'container_netns_unreadable' });
  });
});
});
