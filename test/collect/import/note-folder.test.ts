// NoteFolder folds notes as they are pushed; it must say exactly what the one-pass fold over the
// whole list said before it (kept below, verbatim but for names, as the oracle), and folding two
// folders one after the other must equal folding their notes in that order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NoteFolder, foldRepeatedNotes } from '../../../src/collect/import/pod-spec.js';
import type { Note } from '../../../src/model/snapshot.js';

const PLACE = /^(.*) \((.+?\.resources\.(?:requests|limits)\.(?:cpu|memory))\)$/s;

/**
 * Folds repeated notes so an import says each thing once: the "other resources ignored" notes
 * into the first, and suspicious quantities into one note per distinct (field, value) — e.g.
 * every `limits.memory: 64Ki` of a generated cluster — with a count and the first place.
 */
function referenceFold(notes: Note[]): Note[] {
  const out: Note[] = [];
  let other: { note: Note; names: Set<string>; count: number } | null = null;
  const odd = new Map<string, { note: Note; what: string; field: string; place: string; count: number }>();
  for (const n of notes) {
    if (n.code === 'suspicious-quantity') {
      const m = PLACE.exec(n.message);
      if (!m) {
        out.push(n);
        continue;
      }
      const what = m[1]!;
      const place = m[2]!;
      const field = place.slice(place.lastIndexOf('.resources.') + 1);
      const key = `${field}\u0000${what}`;
      const seen = odd.get(key);
      if (seen) seen.count++;
      else {
        const first = { note: { ...n }, what, field, place, count: 1 };
        odd.set(key, first);
        out.push(first.note);
      }
      continue;
    }
    if (n.code !== 'other-resources-ignored') {
      out.push(n);
      continue;
    }
    const names = n.message.slice(n.message.indexOf(': ') + 2).split(', ');
    if (!other) {
      other = { note: { ...n }, names: new Set(names), count: 1 };
      out.push(other.note);
    } else {
      names.forEach((x) => other!.names.add(x));
      other.count++;
    }
  }
  if (other && other.count > 1) {
    other.note.message = `resources other than cpu and memory are not counted: ${[...other.names].sort().join(', ')} (in ${other.count} pod specs; first at ${other.note.source})`;
  }
  for (const o of odd.values()) {
    if (o.count > 1) o.note.message = `${o.what} (${o.count} times as ${o.field}; first at ${o.place})`;
  }
  return out;
}

const pod = fc.constantFrom('ns-a/p-1', 'ns-a/p-2', 'ns-b/p-1');
const field = fc.constantFrom('requests.memory', 'limits.memory', 'requests.cpu');
const odd = fc.constantFrom('memory "64Ki" is only 65536 bytes; did you mean Mi?', 'memory "2k" is only 2000 bytes; did you mean Mi?', 'cpu "100" is 100 cores');
const noteArb: fc.Arbitrary<Note> = fc.oneof(
  fc.tuple(odd, pod, fc.constantFrom('main', 'helper'), field).map(([what, p, c, f]) => ({
    code: 'suspicious-quantity',
    level: 'warn' as const,
    message: `${what} (Pod ${p} containers[${c}].resources.${f})`,
    source: null,
  })),
  fc.constant({ code: 'suspicious-quantity', level: 'warn' as const, message: 'no place in this one', source: 'f:1' }),
  fc.tuple(fc.subarray(['ephemeral-storage', 'nvidia.com/gpu', 'hugepages-2Mi'], { minLength: 1 }), pod).map(([names, p]) => ({
    code: 'other-resources-ignored',
    level: 'info' as const,
    message: `resources other than cpu and memory are not counted: ${names.join(', ')}`,
    source: `pod ${p} from the API`,
  })),
  fc.tuple(fc.constantFrom('live.bad-quantity', 'request-defaulted-to-limit'), fc.string()).map(([code, message]) => ({
    code,
    level: 'info' as const,
    message,
    source: null,
  })),
);

describe('NoteFolder', () => {
  it('folds as the one-pass fold did (property)', () => {
    fc.assert(
      fc.property(fc.array(noteArb, { maxLength: 40 }), (notes) => {
        expect(foldRepeatedNotes(notes)).toEqual(referenceFold(notes.map((n) => ({ ...n }))));
      }),
    );
  });

  it('pushFolded(b) after a equals folding a then b (property)', () => {
    fc.assert(
      fc.property(fc.array(noteArb, { maxLength: 30 }), fc.array(noteArb, { maxLength: 30 }), (a, b) => {
        const fa = new NoteFolder();
        a.forEach((n) => fa.push(n));
        const fb = new NoteFolder();
        b.forEach((n) => fb.push(n));
        fa.pushFolded(fb);
        expect(fa.notes()).toEqual(foldRepeatedNotes([...a, ...b]));
        // the folder pushed from is left as it was
        expect(fb.notes()).toEqual(foldRepeatedNotes(b));
      }),
    );
  });

  it('keeps one entry per group however many notes are pushed', () => {
    const f = new NoteFolder();
    for (let i = 0; i < 10_000; i++) {
      f.push({ code: 'suspicious-quantity', level: 'warn', message: `memory "2k" is only 2000 bytes; did you mean Mi? (Pod ns/p-${i} containers[main].resources.limits.memory)`, source: null });
    }
    expect(f.notes()).toEqual([
      {
        code: 'suspicious-quantity',
        level: 'warn',
        message: 'memory "2k" is only 2000 bytes; did you mean Mi? (10000 times as resources.limits.memory; first at Pod ns/p-0 containers[main].resources.limits.memory)',
        source: null,
      },
    ]);
  });
});
