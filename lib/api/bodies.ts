/**
 * Request bodies of the rewiring API, checked field by field before anything reaches the
 * engine. Unknown fields, wrong types and malformed addresses are 400s with the field named.
 */
import { cidrContains, cidrWithin, parseCidr, parseIpv4, parseIpv6 } from '@/lib/net/ip';
import type { NetworkSpec } from '@/lib/docker/mutations';
import { ApiError } from './errors';
import { parseRef } from './validate';

export { MAX_BODY_BYTES } from './limits';
import { MAX_BODY_BYTES } from './limits';
const ALIAS = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
const LABEL_KEY = /^[a-zA-Z0-9][a-zA-Z0-9_.\-/]{0,127}$/;

type Json = Record<string, unknown>;

function bad(message: string, hint: string | null = null): never {
  throw new ApiError('bad_request', message, hint);
}

function object(v: unknown): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad('the body must be a JSON object');
  return v as Json;
}

function onlyKeys(o: Json, allowed: readonly string[]) {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length) bad(`unknown field${extra.length > 1 ? 's' : ''}: ${extra.map((k) => `"${k.slice(0, 40)}"`).join(', ')}`, `allowed: ${allowed.join(', ')}`);
}

function optBool(o: Json, k: string): boolean | undefined {
  if (o[k] === undefined || o[k] === null) return undefined;
  if (typeof o[k] !== 'boolean') bad(`"${k}" must be true or false`);
  return o[k] as boolean;
}

function optString(o: Json, k: string): string | undefined {
  if (o[k] === undefined || o[k] === null || o[k] === '') return undefined;
  if (typeof o[k] !== 'string') bad(`"${k}" must be a string`);
  return o[k] as string;
}

/** Reads a JSON body of bounded size; malformed or oversized bodies are 400 / 413-as-400. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) bad(`the body is ${length} bytes; at most ${MAX_BODY_BYTES} are accepted`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) bad(`the body is larger than ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return bad('the body is not valid JSON');
  }
}

export interface ConnectBody {
  container: string;
  aliases: string[];
  ipv4: string | null;
  ipv6: string | null;
}

export function parseConnectBody(v: unknown): ConnectBody {
  const o = object(v);
  onlyKeys(o, ['container', 'aliases', 'ipv4', 'ipv6']);
  const container = parseRef('container', o.container);
  let aliases: string[] = [];
  if (o.aliases !== undefined && o.aliases !== null) {
    if (!Array.isArray(o.aliases) || o.aliases.some((a) => typeof a !== 'string')) bad('"aliases" must be a list of names');
    aliases = [...new Set((o.aliases as string[]).map((a) => a.trim()).filter(Boolean))];
    if (aliases.length > 32) bad('at most 32 aliases');
    const wrong = aliases.find((a) => !ALIAS.test(a));
    if (wrong !== undefined) bad(`"${wrong.slice(0, 64)}" is not a valid alias`, 'an alias is a DNS name: letters, digits, "_", "." and "-", starting with a letter or digit');
  }
  const ipv4 = optString(o, 'ipv4') ?? null;
  if (ipv4 !== null && parseIpv4(ipv4) === null) bad(`"${ipv4.slice(0, 64)}" is not an IPv4 address`, 'for example 172.38.0.20');
  const ipv6 = optString(o, 'ipv6') ?? null;
  if (ipv6 !== null && parseIpv6(ipv6) === null) bad(`"${ipv6.slice(0, 64)}" is not an IPv6 address`);
  return { container, aliases, ipv4, ipv6 };
}

export interface DisconnectBody {
  container: string;
  force: boolean;
}

export function parseDisconnectBody(v: unknown): DisconnectBody {
  const o = object(v);
  onlyKeys(o, ['container', 'force']);
  return { container: parseRef('container', o.container), force: optBool(o, 'force') ?? false };
}

/** A network to create: the engine's spec, with the drivers Switchyard offers. */
export type CreateNetworkBody = Omit<NetworkSpec, 'driver'> & { driver: 'bridge' | 'overlay' };

export function parseCreateNetworkBody(v: unknown): CreateNetworkBody {
  const o = object(v);
  onlyKeys(o, ['name', 'driver', 'subnet', 'gateway', 'ipRange', 'internal', 'attachable', 'ipv6', 'labels']);
  if (typeof o.name !== 'string' || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/.test(o.name)) {
    bad('"name" must be a network name', 'letters, digits, "_", "." and "-", starting with a letter or digit, at most 63 characters');
  }
  const name = o.name as string;
  if (/^[a-f0-9]{64}$/.test(name)) bad('a network name cannot look like a network id');
  const driver = optString(o, 'driver') ?? 'bridge';
  if (driver !== 'bridge' && driver !== 'overlay') bad(`driver "${driver.slice(0, 40)}" is not offered`, 'use bridge, or overlay on a swarm manager');
  const subnetText = optString(o, 'subnet') ?? null;
  const subnet = subnetText === null ? null : parseCidr(subnetText);
  if (subnetText !== null && subnet === null) bad(`"${subnetText.slice(0, 64)}" is not a subnet`, 'write it in CIDR form, for example 10.77.0.0/24');
  const gateway = optString(o, 'gateway') ?? null;
  if (gateway !== null) {
    if (!subnet) bad('a gateway needs a subnet');
    if (!cidrContains(subnet, gateway)) bad(`gateway ${gateway.slice(0, 64)} is not inside ${subnet.text}`);
  }
  const ipRangeText = optString(o, 'ipRange') ?? null;
  if (ipRangeText !== null) {
    const r = parseCidr(ipRangeText);
    if (!subnet) bad('an IP range needs a subnet');
    if (!r || !cidrWithin(r, subnet)) bad(`IP range ${ipRangeText.slice(0, 64)} is not a CIDR inside ${subnet.text}`);
  }
  let labels: Record<string, string> = {};
  if (o.labels !== undefined && o.labels !== null) {
    const l = object(o.labels);
    const entries = Object.entries(l);
    if (entries.length > 64) bad('at most 64 labels');
    for (const [k, val] of entries) {
      if (!LABEL_KEY.test(k)) bad(`label key "${k.slice(0, 64)}" is not valid`);
      if (typeof val !== 'string' || val.length > 1024) bad(`label "${k}" must have a string value of at most 1024 characters`);
    }
    labels = l as Record<string, string>;
  }
  return {
    name, driver, subnet: subnet?.text ?? null, gateway, ipRange: ipRangeText,
    internal: optBool(o, 'internal') ?? false, attachable: optBool(o, 'attachable') ?? false, ipv6: optBool(o, 'ipv6') ?? false, labels,
  };
}
