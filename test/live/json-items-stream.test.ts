// ListItemsStream must read any text, cut anywhere, exactly as parseListItems reads it whole:
// the same items in the same order, the same other fields, and a SyntaxError where it throws one.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ListItemsStream, parseListItems } from '../../src/collect/kube/json-items.js';

type Outcome = { items: unknown[]; doc: Record<string, unknown>; itemsSeen: boolean } | { error: string };

function whole(text: string): Outcome {
  const items: unknown[] = [];
  try {
    return { items, ...parseListItems(text, (x) => items.push(x)) };
  } catch (err) {
    if (err instanceof SyntaxError) return { error: 'SyntaxError' };
    throw err;
  }
}

function streamed(text: string, cuts: number[]): Outcome {
  const items: unknown[] = [];
  const s = new ListItemsStream((x) => items.push(x));
  try {
    let from = 0;
    for (const at of [...cuts.map((c) => c % (text.length + 1))].sort((a, b) => a - b)) {
      s.write(text.slice(from, at));
      from = at;
    }
    s.write(text.slice(from));
    return { items, ...s.end() };
  } catch (err) {
    if (err instanceof SyntaxError) return { error: 'SyntaxError' };
    throw err;
  }
}

const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('ListItemsStream', () => {
  it('reads a list cut anywhere as parseListItems reads it whole (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string().filter((k) => k !== 'items'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 8 }),
        fc.nat(2),
        fc.boolean(),
        cuts,
        (rest, items, indent, itemsFirst, at) => {
          const text = JSON.stringify(itemsFirst ? { items, ...rest } : { ...rest, items }, null, indent);
          const got = streamed(text, at);
          expect(got).toEqual(whole(text));
          expect((got as { items: unknown[] }).items).toEqual(JSON.parse(JSON.stringify(items)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees with parseListItems on broken and odd texts, cut anywhere (property)', () => {
    const pieces = fc.constantFrom('{', '}', '[', ']', ',', ':', '"items"', '"a"', '"x\\"]"', ' ', '1', 'null', '{"items":[', '"\\\\"');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 14 }).map((p) => p.join('')), cuts, (text, at) => {
        expect(streamed(text, at)).toEqual(whole(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('a pods page in 1-character pieces', () => {
    const page = {
      kind: 'PodList',
      metadata: { continue: 'abc', resourceVersion: '7' },
      items: [{ metadata: { name: 'p]"{', namespace: 'n' }, spec: { containers: [{ name: 'c', args: ['[', '}', '\\"'] }] } }, 3, 'x', null],
    };
    const text = JSON.stringify(page);
    const got = streamed(text, Array.from({ length: text.length }, (_, i) => i));
    expect(got).toEqual({ items: page.items, doc: { kind: 'PodList', metadata: page.metadata }, itemsSeen: true });
  });
});
