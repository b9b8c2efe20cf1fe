/**
 * A compose project's networks as its files say them: for each service, the networks it joins
 * (with aliases and static addresses) or its network_mode; for each network the project names,
 * the engine name compose gives it and whether it is external. Read the way compose reads the
 * files: YAML 1.1 (PyYAML's, with `<<` merge keys), `${VAR}` interpolation from the project's
 * env file, several `-f` files merged in order (a service's networks merged by key, aliases
 * joined; top-level networks merged by key).
 *
 * What Switchyard does not follow is said, never guessed: `include` and a version 1 file make
 * the project unreadable; a service that uses `extends`, or whose networks use a variable the
 * env file does not set, is marked unknown with the reason. Pure: the caller reads the files.
 */
import { LineCounter, parseDocument } from 'yaml';
import { interpolate } from './interpolate';

export interface ComposeSource {
  /** Absolute path of the file. */
  path: string;
  text: string;
}

export interface ComposeNetworkDef {
  /** The key in the file's top-level `networks` ("default" for the implicit one). */
  key: string;
  /** The engine network's name: `<project>_<key>`, `name:`, or the external name. */
  name: string;
  external: boolean;
  /** Declared under top-level `networks:` (false for the implicit default). */
  declared: boolean;
  /** Why its definition is not known (a variable the env file does not set), or null. */
  unknown: string | null;
}

export interface ServiceNetwork {
  key: string;
  aliases: string[];
  ipv4: string | null;
  ipv6: string | null;
}

export interface ComposeServiceDef {
  name: string;
  /** network_mode as written (host, none, bridge, service:x, container:x), or null. */
  networkMode: string | null;
  /** The networks it joins (none when networkMode is set), sorted by key. */
  networks: ServiceNetwork[];
  profiles: string[];
  /** Why its networks are not known (extends, an unset variable), or null. */
  unknown: string | null;
  /** Where the service is defined (the first file that names it), 1-based line. */
  file: string;
  line: number;
  /** The files that give it a `networks:` or `network_mode:` (where a write-back must go). */
  networkFiles: string[];
}

export interface ComposeModel {
  project: string;
  files: string[];
  services: Record<string, ComposeServiceDef>;
  networks: Record<string, ComposeNetworkDef>;
  /** Values Switchyard took as compose would without the shell's variables (a default used). */
  assumptions: string[];
}

export type ProjectRead = { ok: true; model: ComposeModel } | { ok: false; reason: string; file: string | null };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (reason: string, file: string | null = null): ProjectRead => ({ ok: false, reason, file });

interface Parsed {
  path: string;
  doc: Obj;
  /** 1-based line of each service key. */
  serviceLines: Map<string, number>;
}

/** Parses one file; a string is the reason it cannot be read. */
function parseOne(src: ComposeSource): Parsed | string {
  const lc = new LineCounter();
  const doc = parseDocument(src.text, { version: '1.1', merge: true, lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const at = ` (line ${lc.linePos(e.pos[0]).line})`;
    return `${src.path} is not valid YAML${at}: ${e.message.split('\n')[0]}`;
  }
  const js = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (js === null || js === undefined) return { path: src.path, doc: {}, serviceLines: new Map() };
  if (!isObj(js)) return `${src.path} is not a compose file (its top level is not a mapping)`;
  const serviceLines = new Map<string, number>();
  const services = doc.get('services', true) as { items?: { key: { value?: unknown; range?: [number, number, number] } }[] } | undefined;
  for (const item of services?.items ?? []) {
    const k = item.key;
    if (k && typeof k.value === 'string' && k.range) serviceLines.set(k.value, lc.linePos(k.range[0]).line);
  }
  return { path: src.path, doc: js as Obj, serviceLines };
}

/** Interpolates every string value (not keys) under `v`; paths whose value is not known go to `unknown`. */
function interpolateTree(v: Json, path: string[], env: (n: string) => string | undefined, sink: { unknown: Map<string, string>; defaulted: Map<string, string[]>; error: string | null }): Json {
  if (typeof v === 'string') {
    const r = interpolate(v, env);
    if (r.error && !sink.error) sink.error = r.error;
    const p = path.join('.');
    for (const u of r.unset) {
      if (u.defaulted) sink.defaulted.set(p, [...(sink.defaulted.get(p) ?? []), u.name]);
      else if (!sink.unknown.has(p)) sink.unknown.set(p, u.name);
    }
    return r.value;
  }
  if (Array.isArray(v)) return v.map((x, i) => interpolateTree(x, [...path, String(i)], env, sink));
  if (isObj(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k] = interpolateTree(x, [...path, k], env, sink);
    return out;
  }
  return v;
}

/** A service's `networks:` as a mapping (the list form has no settings). */
function networksMap(v: Json | undefined): Record<string, Obj> {
  if (Array.isArray(v)) return Object.fromEntries(v.filter((x): x is string => typeof x === 'string').map((k) => [k, {}]));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, isObj(x) ? x : {}]));
  return {};
}

const strings = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String) : []);
const str = (v: Json | undefined): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** compose's merge of a service's networks: by key; aliases joined, addresses overridden. */
function mergeServiceNetworks(base: Record<string, Obj>, over: Record<string, Obj>): Record<string, Obj> {
  const out: Record<string, Obj> = { ...base };
  for (const [k, o] of Object.entries(over)) {
    const b = base[k] ?? {};
    const aliases = [...new Set([...strings(b.aliases), ...strings(o.aliases)])];
    out[k] = { ...b, ...o, ...(aliases.length ? { aliases } : {}) };
  }
  return out;
}

function deepMerge(base: Json | undefined, over: Json): Json {
  if (isObj(base) && isObj(over)) {
    const out: Obj = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
    return out;
  }
  return over;
}

const TOP_LEVEL = new Set(['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'include']);
const RELEVANT = (service: string) => [`services.${service}.networks`, `services.${service}.network_mode`];
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/**
 * Reads a project from its files (in the order compose was given them) and the values of its
 * env file.
 */
export function readProject(project: string, sources: ComposeSource[], env: Record<string, string>): ProjectRead {
  if (!sources.length) return fail('compose recorded no files for this project');
  const lookup = (n: string) => (Object.prototype.hasOwnProperty.call(env, n) ? env[n] : undefined);
  const services: Record<string, { networkMode: Json | undefined; networks: Record<string, Obj> | null; profiles: Json | undefined; extends: boolean; file: string; line: number; networkFiles: string[] }> = {};
  let topNetworks: Obj = {};
  const unknownPaths = new Map<string, string>();
  const defaultedPaths = new Map<string, string[]>();
  for (const src of sources) {
    const parsed = parseOne(src);
    if (typeof parsed === 'string') return fail(parsed, src.path);
    const raw = parsed.doc;
    if ('include' in raw) return fail(`${src.path} uses \`include\`: Switchyard does not follow included files yet, so it cannot say what this project's networks should be`, src.path);
    const version = typeof raw.version === 'string' || typeof raw.version === 'number' ? String(raw.version) : null;
    const v1 = version ? version.startsWith('1') : !('services' in raw) && Object.keys(raw).some((k) => !TOP_LEVEL.has(k) && !k.startsWith('x-'));
    if (v1) {
      return fail(`${src.path} is in the version 1 format (services at the top level), which has no networks of its own`, src.path);
    }
    const sink = { unknown: new Map<string, string>(), defaulted: new Map<string, string[]>(), error: null as string | null };
    const doc = interpolateTree(raw, [], lookup, sink) as Obj;
    if (sink.error) return fail(`${src.path}: ${sink.error}; compose refuses the file`, src.path);
    for (const [p, n] of sink.unknown) unknownPaths.set(p, `${src.path} uses \${${n}} at ${p}, and the project's env file does not set it: its value came from the shell that ran compose`);
    for (const [p, n] of sink.defaulted) defaultedPaths.set(p, n);
    if (doc.services !== undefined && doc.services !== null && !isObj(doc.services)) return fail(`${src.path}: "services" is not a mapping`, src.path);
    for (const [name, def] of Object.entries((doc.services as Obj | undefined) ?? {})) {
      const s = isObj(def) ? def : {};
      const prev = services[name];
      const nets = 'networks' in s ? networksMap(s.networks) : null;
      services[name] = {
        networkMode: 'network_mode' in s ? s.network_mode : prev?.networkMode,
        networks: nets === null ? prev?.networks ?? null : prev?.networks ? mergeServiceNetworks(prev.networks, nets) : nets,
        profiles: 'profiles' in s ? s.profiles : prev?.profiles,
        extends: (prev?.extends ?? false) || 'extends' in s,
        file: prev?.file ?? src.path,
        line: prev?.line ?? parsed.serviceLines.get(name) ?? 1,
        networkFiles: [...(prev?.networkFiles ?? []), ...('networks' in s || 'network_mode' in s ? [src.path] : [])],
      };
    }
    if (doc.networks !== undefined && doc.networks !== null) {
      if (!isObj(doc.networks)) return fail(`${src.path}: "networks" is not a mapping`, src.path);
      topNetworks = deepMerge(topNetworks, doc.networks) as Obj;
    }
  }

  const assumptions: string[] = [];
  const networks: Record<string, ComposeNetworkDef> = {};
  for (const [key, def] of Object.entries(topNetworks)) {
    const d = isObj(def) ? def : {};
    const ext = d.external;
    const external = ext === true || isObj(ext);
    const explicit = str(d.name) ?? (isObj(ext) ? str(ext.name) : null);
    const unknown = [...unknownPaths].find(([p]) => under(p, `networks.${key}`))?.[1] ?? null;
    networks[key] = { key, name: explicit ?? (external ? key : `${project}_${key}`), external, declared: true, unknown };
    for (const [p, vars] of defaultedPaths) if (under(p, `networks.${key}`)) assumptions.push(`${vars.map((v) => `\${${v}}`).join(', ')} at ${p}: not set in the env file, taken as its default`);
  }

  const out: Record<string, ComposeServiceDef> = {};
  for (const [name, s] of Object.entries(services)) {
    const mode = str(s.networkMode);
    const map = mode ? {} : s.networks ?? { default: {} };
    let unknown: string | null = s.extends ? `service ${name} uses \`extends\`: Switchyard does not follow it yet, so its networks are not known` : null;
    unknown ??= [...unknownPaths].find(([p]) => RELEVANT(name).some((r) => under(p, r)))?.[1] ?? null;
    for (const key of Object.keys(map)) {
      if (!networks[key]) {
        if (key !== 'default') return fail(`service "${name}" uses an undefined network "${key}": compose refuses this project`, s.file);
        networks.default = { key: 'default', name: `${project}_default`, external: false, declared: false, unknown: null };
      }
      unknown ??= networks[key]!.unknown;
    }
    for (const [p, vars] of defaultedPaths) if (RELEVANT(name).some((r) => under(p, r))) assumptions.push(`${vars.map((v) => `\${${v}}`).join(', ')} at ${p}: not set in the env file, taken as its default`);
    out[name] = {
      name,
      networkMode: mode,
      networks: Object.entries(map).sort(([a], [b]) => a.localeCompare(b)).map(([key, o]) => ({
        key,
        aliases: strings(o.aliases).sort(),
        ipv4: str(o.ipv4_address),
        ipv6: str(o.ipv6_address),
      })),
      profiles: strings(s.profiles),
      unknown,
      file: s.file,
      line: s.line,
      networkFiles: s.networkFiles,
    };
  }
  return { ok: true, model: { project, files: sources.map((s) => s.path), services: out, networks, assumptions } };
}
