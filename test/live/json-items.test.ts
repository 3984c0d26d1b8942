import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseListItems } from '../../src/collect/kube/json-items.js';

function split(text: string): { items: unknown[]; doc: Record<string, unknown>; itemsSeen: boolean } {
  const items: unknown[] = [];
  const { doc, itemsSeen } = parseListItems(text, (x) => items.push(x));
  return { items, doc, itemsSeen };
}

describe('parseListItems', () => {
  it('keeps a top-level "__proto__" key as an own field, as JSON.parse does (a counterexample fast-check found)', () => {
    const { doc, items } = split('{"__proto__": 0, "items": []}');
    expect(items).toEqual([]);
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.keys(doc)).toEqual(['__proto__']);
    expect(doc).toEqual(JSON.parse('{"__proto__": 0}'));
  });

  // "items" handed out one by one; another key's array skipped unparsed (onItem null)
  it.each([
    ['items', true],
    ['pods', false],
  ])('array key %s (items read: %s): the other fields as JSON.parse gives them, however the text is spaced', (key, read) => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string().filter((k) => k !== key), fc.jsonValue()),
        fc.array(fc.jsonValue()),
        fc.nat(2),
        fc.boolean(),
        (rest, items, indent, itemsFirst) => {
          const text = JSON.stringify(itemsFirst ? { [key]: items, ...rest } : { ...rest, [key]: items }, null, indent);
          const got: unknown[] = [];
          const { doc, itemsSeen } = parseListItems(text, read ? (x) => got.push(x) : null, key);
          expect(itemsSeen).toBe(true);
          expect(got).toEqual(read ? JSON.parse(JSON.stringify(items)) : []);
          expect(doc).toEqual(JSON.parse(JSON.stringify(rest)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a kubelet Summary with its pods skipped: the node is read, the pods are not', () => {
    const summary = '{"node":{"nodeName":"n1","cpu":{"usageNanoCores":5}},"pods":[{"podRef":{"name":"a]\\"}"}},{"containers":[]}]}';
    expect(parseListItems(summary, null, 'pods')).toEqual({ doc: { node: { nodeName: 'n1', cpu: { usageNanoCores: 5 } } }, itemsSeen: true });
    expect(() => parseListItems('{"node":{},"pods":[{"a":1}', null, 'pods')).toThrow(SyntaxError);
  });

  it('a page of the API: strings with brackets, quotes and escapes inside items', () => {
    const page = ' {"kind":"PodList","metadata":{"continue":"abc"},"items":[{"a":"x]}\\"{["},{"b":[1,{"c":"\\\\"}]}, 3 , null ] }\n';
    expect(split(page)).toEqual({ items: [{ a: 'x]}"{[' }, { b: [1, { c: '\\' }] }, 3, null], doc: { kind: 'PodList', metadata: { continue: 'abc' } }, itemsSeen: true });
    expect(split('{"items":[]}')).toEqual({ items: [], doc: {}, itemsSeen: true });
    expect(split('{"items": [ ] , "x": 1}')).toEqual({ items: [], doc: { x: 1 }, itemsSeen: true });
  });

  it('no items array: itemsSeen false', () => {
    expect(split('{"kind":"Status","items":null}').itemsSeen).toBe(false);
    expect(split('[1,2]').itemsSeen).toBe(false);
    expect(split('{}').itemsSeen).toBe(false);
  });

  it.each(['{"items":[1,2}', '{"items":[1 2]}', '{"items":[{"a":1}]', '{"items":[]} x', '{"a" 1}', '{"items":["unterminated]}', ''])(
    'not JSON → SyntaxError: %s',
    (text) => {
      expect(() => split(text)).toThrow(SyntaxError);
    },
  );
});
