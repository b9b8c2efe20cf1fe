import { describe, expect, it } from 'vitest';
import { parseEnvFile } from './env-file';

describe('parseEnvFile', () => {
  it('reads the forms compose reads', () => {
    const f = parseEnvFile([
      '# a comment',
      'PLAIN=value',
      'SPACED = value with spaces   ',
      'export EXPORTED=1',
      "SINGLE='no $expansion \\n here'",
      'DOUBLE="a\\nb \\"q\\""',
      'TRAILING=x #comment',
      'HASH=a#b',
      'EMPTY=',
      '',
      'not a line',
    ].join('\n'));
    expect(f.values).toEqual({
      PLAIN: 'value', SPACED: 'value with spaces', EXPORTED: '1', SINGLE: 'no $expansion \\n here',
      DOUBLE: 'a\nb "q"', TRAILING: 'x', HASH: 'a#b', EMPTY: '',
    });
    expect(f.badLines).toEqual([11]);
  });

  it('takes CRLF line ends and a byte-order mark', () => {
    expect(parseEnvFile('\uFEFFA=1\r\nB=2\r\n').values).toEqual({ A: '1', B: '2' });
  });
});
