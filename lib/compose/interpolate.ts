/**
 * Compose's variable interpolation in one string: `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`, `${VAR:+alt}`, `${VAR+alt}` and `$$`
 * for a dollar. Defaults may hold further `${...}`.
 *
 * Switchyard knows the variables of the project's env file, not the shell compose ran in. A
 * variable the env file does not set is reported in `unset`: with a default, the default is
 * used and the caller may say it assumed so; without one the value is not known (compose
 * would have taken the shell's). Pure.
 */
export interface Interpolated {
  value: string;
  /** Variables used that the env file does not set, and whether a default stood in. */
  unset: { name: string; defaulted: boolean }[];
  /** A malformed expression (`${`, an unclosed brace), in words; null when well formed. */
  error: string | null;
}

type Lookup = (name: string) => string | undefined;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolate(s: string, env: Lookup): Interpolated {
  const unset: Interpolated['unset'] = [];
  try {
    return { value: expand(s, env, unset), unset, error: null };
  } catch (err) {
    return { value: s, unset, error: (err as Error).message };
  }
}

function expand(s: string, env: Lookup, unset: Interpolated['unset']): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = s[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closing(s, i + 2);
      if (end < 0) throw new Error(`"${s}" has a \${ without its closing }`);
      out += braced(s.slice(i + 2, end), env, unset);
      i = end + 1;
      continue;
    }
    const m = NAME.exec(s.slice(i + 1));
    if (!m) {
      // A lone `$` (compose 1.29 refuses it; v2 keeps it): not something Switchyard guesses.
      throw new Error(`"${s}" has a $ that starts no variable (write $$ for a dollar)`);
    }
    out += lookup(m[0], env, unset, false) ?? '';
    i += 1 + m[0].length;
  }
  return out;
}

/** The index of the `}` closing a `${` whose body starts at `from`, counting nested `${`. */
function closing(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function lookup(name: string, env: Lookup, unset: Interpolated['unset'], defaulted: boolean): string | undefined {
  const v = env(name);
  if (v === undefined) unset.push({ name, defaulted });
  return v;
}

function braced(body: string, env: Lookup, unset: Interpolated['unset']): string {
  const m = NAME.exec(body);
  if (!m) throw new Error(`"\${${body}}" does not start with a variable name`);
  const name = m[0];
  const rest = body.slice(name.length);
  if (rest === '') return lookup(name, env, unset, false) ?? '';
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest);
  if (!op) throw new Error(`"\${${body}}" is not a form compose knows`);
  const arg = rest.slice(op[0].length);
  const v = env(name);
  const empty = op[0].startsWith(':') ? !v : v === undefined;
  switch (op[0]) {
    case ':-':
    case '-':
      if (v === undefined) unset.push({ name, defaulted: true });
      return empty ? expand(arg, env, unset) : v!;
    case ':?':
    case '?':
      if (empty) {
        // compose stops with this message when the shell does not set it either
        if (v === undefined) unset.push({ name, defaulted: false });
        return '';
      }
      return v!;
    default: // :+ and +
      if (v === undefined) unset.push({ name, defaulted: false });
      return empty ? '' : expand(arg, env, unset);
  }
}
