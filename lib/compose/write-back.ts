/**
 * Writing a service's networks into its compose file, changing only the lines that must
 * change: an entry that stays as it is keeps its text (comments, quotes, layout); a removed
 * entry's lines go (with the comment lines just above it); a changed or added entry is written
 * in the file's own indentation. A list of plain names stays a list; it becomes a mapping only
 * when an entry needs aliases or an address. A network the project does not own is declared
 * at the top level as `external: true`, as compose needs.
 *
 * Refused in words, never guessed: a service with network_mode, a `networks:` written with a
 * variable in an entry that must change, a file whose services or networks are not mappings.
 * The caller checks the result by reading it again (./project). Pure.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { ServiceNetwork } from './project';

export interface NetworkWant {
  /** The key in the file (the project's own network's key, or the external declaration's). */
  key: string;
  aliases: string[];
  ipv4: string | null;
  ipv6: string | null;
}

/** A top-level declaration the file needs for a key it does not declare yet. */
export interface Declaration {
  key: string;
  /** true: a network the project does not own (`external: true`); false: one compose makes. */
  external: boolean;
}

export type EditResult = { ok: true; text: string } | { ok: false; reason: string };

const fail = (reason: string): EditResult => ({ ok: false, reason });
type Splice = { start: number; end: number; insert: string };

/** A YAML key or scalar as is when plain, quoted otherwise. */
export function yamlWord(s: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(s) && !/^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/.test(s) && !/^[0-9._-]+$/.test(s) ? s : JSON.stringify(s);
}

const same = (a: Pick<NetworkWant, 'aliases' | 'ipv4' | 'ipv6'>, b: Pick<NetworkWant, 'aliases' | 'ipv4' | 'ipv6'>) =>
  [...a.aliases].sort().join('\n') === [...b.aliases].sort().join('\n') && (a.ipv4 ?? null) === (b.ipv4 ?? null) && (a.ipv6 ?? null) === (b.ipv6 ?? null);
const plain = (w: NetworkWant) => !w.aliases.length && !w.ipv4 && !w.ipv6;

export function editServiceNetworks(text: string, service: string, current: readonly ServiceNetwork[], want: readonly NetworkWant[], declare: readonly Declaration[] = []): EditResult {
  const doc = parseDocument(text, { version: '1.1', merge: true });
  if (doc.errors.length) return fail(`the file is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  if (!want.length) return fail(`that would leave ${service} on no network; compose would then put it on the project's default network`);
  const root = doc.contents;
  if (!isMap(root) || root.flow) return fail('the file\'s top level is not a block mapping');
  const services = root.get('services', true);
  if (!isMap(services) || services.flow) return fail('the file\'s `services:` is not a block mapping');
  const svcPair = services.items.find((p) => isScalar(p.key) && p.key.value === service);
  if (!svcPair) return fail(`the file has no service "${service}"`);
  const svc = svcPair.value;
  if (!isMap(svc) || svc.flow) return fail(`service "${service}" is not written as a block mapping`);
  if (svc.items.some((p) => isScalar(p.key) && p.key.value === 'network_mode')) return fail(`service "${service}" uses network_mode: it has no networks of its own to write`);

  const lines = new Lines(text);
  const step = indentStep(lines, services, svc);
  const splices: Splice[] = [];
  const cur = new Map(current.map((c) => [c.key, c]));
  const wanted = new Map(want.map((w) => [w.key, w]));
  const netsPair = svc.items.find((p) => isScalar(p.key) && p.key.value === 'networks') as Pair<Node, Node | null> | undefined;

  if (!netsPair) {
    if (want.length === 1 && want[0]!.key === 'default' && plain(want[0]!)) return declareAll(text, root, lines, step, declare, splices);
    // No networks: key: the service is on the project's default network; it gets one now.
    const ind = lines.col(svc.items[0]!.key as Node);
    const at = lines.afterLineOf(svc.range![1]);
    splices.push({ start: at, end: at, insert: `${' '.repeat(ind)}networks:\n${renderBlockMap(want, ind + step, step, false)}` });
    return declareAll(text, root, lines, step, declare, splices);
  }
  const nets = netsPair.value;
  const changed = (k: string) => wanted.has(k) && cur.has(k) && !same(wanted.get(k)!, cur.get(k)!);
  const removed = [...cur.keys()].filter((k) => !wanted.has(k));
  const added = want.filter((w) => !cur.has(w.key));
  // Rewritten whole (a flow collection, a list become a mapping): the file's order, then what is new.
  const inFile = (isSeq(nets) || isMap(nets) ? nets.items : []).map((x) => String(((isScalar(x) ? x : (x as Pair<Node, unknown>).key) as { value?: unknown }).value));
  const ordered = [...inFile.filter((k) => wanted.has(k)).map((k) => wanted.get(k)!), ...want.filter((x) => !inFile.includes(x.key))];
  if (!removed.length && !added.length && !want.some((w) => changed(w.key))) return declareAll(text, root, lines, step, declare, splices);

  if (isMap(nets) && !nets.flow && nets.items.length) {
    const ind = lines.col(nets.items[0]!.key as Node);
    const nullStyle = nets.items.some((p) => p.value === null || (isScalar(p.value) && p.value.value === null));
    const inner = innerStep(lines, nets.items as Pair<Node, Node | null>[], ind) ?? step;
    for (const p of nets.items as Pair<Node, Node | null>[]) {
      const key = String((p.key as { value?: unknown }).value);
      const [start, end] = lines.pairLines(p);
      if (removed.includes(key)) splices.push({ start: lines.withCommentsAbove(start, ind), end, insert: '' });
      else if (changed(key)) {
        if (text.slice(start, end).includes('$')) return fail(`the entry for ${key} in service "${service}" uses a variable: change it by hand`);
        splices.push({ start, end, insert: renderBlockMap([wanted.get(key)!], ind, inner, nullStyle) });
      }
    }
    if (added.length) {
      const at = lines.afterLineOf(nets.range![1]);
      splices.push({ start: at, end: at, insert: renderBlockMap(added, ind, inner, nullStyle) });
    }
  } else if (isSeq(nets) && !nets.flow && nets.items.length && want.every(plain)) {
    const first = nets.items[0] as Node;
    const dash = lines.dashCol(first);
    for (const item of nets.items as Node[]) {
      const key = String((item as { value?: unknown }).value);
      if (!removed.includes(key)) continue;
      const start = lines.lineStart(item.range![0]);
      splices.push({ start: lines.withCommentsAbove(start, dash), end: lines.afterLineOf(item.range![1]), insert: '' });
    }
    if (added.length) {
      const at = lines.afterLineOf(nets.range![1]);
      splices.push({ start: at, end: at, insert: added.map((w) => `${' '.repeat(dash)}- ${yamlWord(w.key)}\n`).join('') });
    }
  } else if (isSeq(nets) && !nets.flow && nets.items.length) {
    // A list of names cannot hold aliases or addresses: the list becomes a mapping.
    if (text.slice(nets.range![0], nets.range![1]).includes('$')) return fail(`the networks of service "${service}" use a variable: change them by hand`);
    const dash = lines.dashCol(nets.items[0] as Node);
    const start = lines.lineStart(nets.range![0]);
    splices.push({ start, end: lines.afterLineOf(nets.range![1]), insert: renderBlockMap(ordered, dash, step, false) });
  } else if (nets && (isSeq(nets) || isMap(nets))) {
    // A flow collection ([a, b] or {a: ...}): its line changes anyway.
    if (text.slice(nets.range![0], nets.range![1]).includes('$')) return fail(`the networks of service "${service}" use a variable: change them by hand`);
    if (isSeq(nets) && want.every(plain)) splices.push({ start: nets.range![0], end: nets.range![1], insert: `[${ordered.map((w) => yamlWord(w.key)).join(', ')}]` });
    else {
      const ind = lines.col(netsPair.key as Node) + step;
      splices.push({ start: (netsPair.key as Node).range![1], end: lines.afterLineOf(nets.range![1]), insert: `:\n${renderBlockMap(ordered, ind, step, false)}` });
    }
  } else return fail(`the networks of service "${service}" are written in a form Switchyard does not edit`);
  return declareAll(text, root, lines, step, declare, splices);
}

/** Adds the top-level declarations the file lacks, then applies every splice. */
function declareAll(text: string, root: { get(k: string, keep: true): unknown }, lines: Lines, step: number, declare: readonly Declaration[], splices: Splice[]): EditResult {
  const top = root.get('networks', true) as (Node & { items?: Pair<Node, Node | null>[]; flow?: boolean }) | null | undefined;
  const have = new Set((isMap(top) ? top.items : []).map((p) => String((p.key as { value?: unknown }).value)));
  const need = declare.filter((d) => !have.has(d.key));
  if (need.length) {
    const block = (ind: number) => need.map((d) => (d.external ? `${' '.repeat(ind)}${yamlWord(d.key)}:\n${' '.repeat(ind + step)}external: true\n` : `${' '.repeat(ind)}${yamlWord(d.key)}: {}\n`)).join('');
    if (isMap(top) && !top.flow && top.items.length) {
      const at = lines.afterLineOf(top.range![1]);
      splices.push({ start: at, end: at, insert: block(lines.col(top.items[0]!.key as Node)) });
    } else if (isMap(top) && top.items.length === 0) {
      const pair = (root as unknown as { items: Pair<Node, Node>[] }).items.find((p) => isScalar(p.key) && p.key.value === 'networks')!;
      splices.push({ start: (pair.key as Node).range![1], end: lines.afterLineOf(top.range![1]), insert: `:\n${block(step)}` });
    } else if (top === undefined || top === null || (isScalar(top) && top.value === null)) {
      if (isScalar(top)) return fail('the file\'s top-level `networks:` is empty in a form Switchyard does not edit');
      const end = text.length;
      splices.push({ start: end, end, insert: `${text.endsWith('\n') || !text ? '' : '\n'}networks:\n${block(step)}` });
    } else return fail('the file\'s top-level `networks:` is written in a form Switchyard does not edit');
  }
  // A file with CRLF line ends gets CRLF in what is written into it.
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let out = text;
  // From the end of the file back; of two at one place, the one asked for first ends up first.
  const order = splices.map((s, i) => ({ ...s, i })).sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  for (const s of order) out = out.slice(0, s.start) + s.insert.replace(/\n/g, eol) + out.slice(s.end);
  return { ok: true, text: out };
}

function renderBlockMap(items: readonly NetworkWant[], ind: number, step: number, nullStyle: boolean): string {
  const pad = ' '.repeat(ind);
  const pad2 = ' '.repeat(ind + step);
  return items.map((w) => {
    if (plain(w)) return `${pad}${yamlWord(w.key)}:${nullStyle ? '' : ' {}'}\n`;
    let s = `${pad}${yamlWord(w.key)}:\n`;
    if (w.aliases.length) s += `${pad2}aliases: [${w.aliases.map(yamlWord).join(', ')}]\n`;
    if (w.ipv4) s += `${pad2}ipv4_address: ${w.ipv4}\n`;
    if (w.ipv6) s += `${pad2}ipv6_address: ${JSON.stringify(w.ipv6)}\n`;
    return s;
  }).join('');
}

/** The file's indentation step: a service key's column less the `services:` items' column, else 2. */
function indentStep(lines: Lines, services: { items: Pair<unknown, unknown>[] }, svc: { items: Pair<unknown, unknown>[] }): number {
  const outer = lines.col(services.items[0]!.key as Node);
  const inner = lines.col(svc.items[0]!.key as Node);
  return inner > outer ? inner - outer : 2;
}

/** How far an entry's settings are indented past its key, where one has settings. */
function innerStep(lines: Lines, items: Pair<Node, Node | null>[], ind: number): number | null {
  for (const p of items) if (isMap(p.value) && !p.value.flow && p.value.items.length) return lines.col(p.value.items[0]!.key as Node) - ind;
  return null;
}

/** Offsets and lines of the file's text. */
class Lines {
  constructor(private readonly text: string) {}
  lineStart(off: number): number {
    return this.text.lastIndexOf('\n', off - 1) + 1;
  }
  /** The offset just past the line holding the character before `off` (the end of a node's content). */
  afterLineOf(off: number): number {
    const nl = this.text.indexOf('\n', Math.max(0, off - 1));
    return nl < 0 ? this.text.length : nl + 1;
  }
  col(n: Node): number {
    return n.range![0] - this.lineStart(n.range![0]);
  }
  /** The column of the `-` before a block sequence item. */
  dashCol(item: Node): number {
    const start = this.lineStart(item.range![0]);
    return this.text.indexOf('-', start) - start;
  }
  /** A block mapping pair's lines: from its key's line to the end of its value's last line. */
  pairLines(p: Pair<Node, Node | null>): [number, number] {
    const key = p.key as Node;
    const end = Math.max(key.range![1], p.value?.range?.[1] ?? 0);
    return [this.lineStart(key.range![0]), this.afterLineOf(end)];
  }
  /** `start` moved up over the comment lines just above it at the same indentation. */
  withCommentsAbove(start: number, ind: number): number {
    let s = start;
    for (;;) {
      if (s === 0) return s;
      const prev = this.lineStart(s - 1);
      const line = this.text.slice(prev, s - 1);
      if (!new RegExp(`^ {${ind}}#`).test(line)) return s;
      s = prev;
    }
  }
}
