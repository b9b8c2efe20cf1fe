/**
 * A compose `.env` file, read as compose reads it for interpolation: `KEY=VALUE` lines, `#`
 * comments, an optional `export ` prefix, values in single quotes (kept as written), double
 * quotes (with \n, \t, \\ and \" escapes) or bare (trailing ` #comment` cut, spaces trimmed).
 * A line that is none of these is reported, not guessed at. Pure.
 */
export interface EnvFile {
  values: Record<string, string>;
  /** 1-based line numbers of lines that are not `KEY=VALUE`. */
  badLines: number[];
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

export function parseEnvFile(text: string): EnvFile {
  const values: Record<string, string> = {};
  const badLines: number[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (!raw.trim() || raw.trim().startsWith('#')) return;
    const m = LINE.exec(raw);
    if (!m) {
      badLines.push(i + 1);
      return;
    }
    values[m[1]!] = valueOf(m[2]!);
  });
  return { values, badLines };
}

function valueOf(v: string): string {
  const s = v.trim();
  if (s.startsWith("'")) {
    const end = s.indexOf("'", 1);
    return end > 0 ? s.slice(1, end) : s.slice(1);
  }
  if (s.startsWith('"')) {
    let out = '';
    for (let i = 1; i < s.length; i++) {
      const ch = s[i];
      if (ch === '"') return out;
      if (ch === '\\' && i + 1 < s.length) {
        const n = s[++i];
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
      } else out += ch;
    }
    return out;
  }
  const hash = s.search(/\s#/);
  return (hash >= 0 ? s.slice(0, hash) : s).trim();
}
