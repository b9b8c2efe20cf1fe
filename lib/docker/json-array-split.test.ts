import { describe, expect, it } from 'vitest';
import { ArraySplitter } from './json-array-split';

/** Splits `text` into chunks at the given byte offsets and collects the parsed elements. */
function split(text: string | Buffer, cuts: number[] = []): unknown[] {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  const out: unknown[] = [];
  const s = new ArraySplitter((t) => out.push(JSON.parse(t)));
  let at = 0;
  for (const c of [...cuts.filter((c) => c > 0 && c < buf.length).sort((a, b) => a - b), buf.length]) {
    s.push(buf.subarray(at, c));
    at = c;
  }
  s.end();
  return out;
}

// A small seeded generator: the same values on every run.
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}
const AWKWARD = ['"', '\\', '[', ']', '{', '}', ',', ' ', '\n', 'é', '€', '𝄞', 'a', '\u0000', '\\"'];
function value(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 3 ? 4 : 7));
  if (k === 0) return Math.floor(r() * 1e6) - 5e5;
  if (k === 1) return r() < 0.5 ? null : r() < 0.5;
  if (k === 2 || k === 3) return Array.from({ length: Math.floor(r() * 12) }, () => AWKWARD[Math.floor(r() * AWKWARD.length)]).join('');
  if (k === 4) return r() * 1000;
  if (k === 5) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, (_, i) => [`${AWKWARD[Math.floor(r() * AWKWARD.length)]}${i}`, value(r, depth + 1)]));
}

describe('ArraySplitter', () => {
  it('hands over each element of an array, whatever the chunks, as JSON.parse of the whole would', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const arr = Array.from({ length: Math.floor(r() * 8) }, () => value(r, 0));
      const text = JSON.stringify(arr, null, seed % 3 === 0 ? 2 : undefined);
      const bytes = Buffer.from(text);
      // Cuts anywhere, multi-byte characters included; every byte its own chunk for some.
      const cuts = seed % 10 === 0 ? Array.from({ length: bytes.length }, (_, i) => i) : Array.from({ length: Math.floor(r() * 6) }, () => Math.floor(r() * bytes.length));
      expect(split(bytes, cuts), `seed ${seed}: ${text.slice(0, 200)}`).toEqual(JSON.parse(text));
    }
  });

  it('reads a recorded list of containers as its elements', () => {
    const list = [{ Id: 'a', Names: ['/web'], State: 'running', Status: 'Up 2 hours', NetworkSettings: { Networks: { 'a,b]': { IPAMConfig: null } } } }, { Id: 'b', Names: ['/x"]'], Labels: { '{': '}' } }];
    expect(split(` \n${JSON.stringify(list, null, 1)}\n `, [1, 17, 40, 41, 90])).toEqual(list);
    expect(split('[]')).toEqual([]);
    expect(split('[ 1 , "two" ,[3],{"4":4} ]')).toEqual([1, 'two', [3], { 4: 4 }]);
  });

  it('refuses what is not one whole array', () => {
    expect(() => split('{"message":"no"}')).toThrow(/not a JSON array/);
    expect(() => split('[1,2')).toThrow(/ended inside its array/);
    expect(() => split('')).toThrow(/empty/);
    expect(() => split('[1,,2]')).toThrow(/empty element/);
    expect(() => split('[1] [2]')).toThrow(/goes on after/);
  });
});
