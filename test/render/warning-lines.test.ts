// stderr warnings: notes listed one per line, a code repeated more than twice folded into one line.
import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/model/snapshot.js';
import { warningLines } from '../../src/render/words.js';

const note = (code: string, level: Note['level'], message: string, source: string | null = null): Note => ({ code, level, message, source });

describe('warningLines', () => {
  it.each<[string, Note[], string]>([
    ['nothing for no notes', [], ''],
    ['info notes are not printed', [note('a', 'info', 'x', 'f:1')], ''],
    ['one warning with its source', [note('a', 'warn', 'odd value', 'f.txt:3')], 'warning: f.txt:3: odd value\n'],
    ['no source, no prefix', [note('a', 'warn', 'odd value')], 'warning: odd value\n'],
    ['errors say error', [note('a', 'error', 'broken', 'f:1')], 'error: f:1: broken\n'],
    [
      'two of a code are both listed',
      [note('a', 'warn', 'one', 'f:1'), note('a', 'warn', 'two', 'f:2')],
      'warning: f:1: one\nwarning: f:2: two\n',
    ],
    [
      'three of a code are one line with the count and the first',
      [note('a', 'warn', 'one', 'f:1'), note('b', 'warn', 'other'), note('a', 'warn', 'two', 'f:2'), note('a', 'warn', 'three', 'f:3')],
      "warning: a: 3 notes (first: f:1: one); all 3 are in the snapshot's notes\nwarning: other\n",
    ],
    [
      'the same code at another level is its own group',
      [note('a', 'warn', 'w1'), note('a', 'error', 'e1'), note('a', 'warn', 'w2'), note('a', 'warn', 'w3')],
      "warning: a: 3 notes (first: w1); all 3 are in the snapshot's notes\nerror: e1\n",
    ],
    [
      'large counts are grouped by thousands',
      Array.from({ length: 2314 }, (_, i) => note('s', 'warn', `pod-${i}`, `f:${i + 2}`)),
      "warning: s: 2,314 notes (first: f:2: pod-0); all 2,314 are in the snapshot's notes\n",
    ],
    ['control characters cannot reach the terminal', [note('a', 'warn', 'x\u001b[2Jy\nz')], 'warning: x [2Jy z\n'],
  ])('%s', (_name, notes, expected) => {
    expect(warningLines(notes)).toBe(expected);
  });
});
