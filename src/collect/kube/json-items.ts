// A list page parsed item by item: the text is scanned once for the top-level fields, and each
// element of "items" is JSON.parse'd on its own and handed to `onItem`, so the objects of one
// item die young instead of a whole page (~10 MB of objects at 500 pods) reaching the old
// generation at once. Anything unexpected falls back to one JSON.parse of the whole text.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(t: string, i: number): number {
  while (i < t.length && isSpace(t.charCodeAt(i))) i++;
  return i;
}

/** Index just past the string that starts at i (a quote). */
function endOfString(t: string, i: number): number {
  for (i++; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  throw new SyntaxError('unterminated string');
}

/** Index just past the JSON value that starts at i. */
function endOfValue(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === QUOTE) return endOfString(t, i);
  if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
    while (i < t.length) {
      const d = t.charCodeAt(i);
      if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d)) break;
      i++;
    }
    return i;
  }
  let depth = 0;
  for (; i < t.length; i++) {
    const d = t.charCodeAt(i);
    if (d === QUOTE) i = endOfString(t, i) - 1;
    else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
    else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
      if (--depth === 0) return i + 1;
    }
  }
  throw new SyntaxError('unterminated value');
}

/**
 * Parses a JSON object; the elements of its top-level "items" array go to onItem one by one
 * (the returned object has no "items"; `itemsSeen` says whether there was such an array).
 * Throws SyntaxError when the text is not JSON.
 */
export function parseListItems(text: string, onItem: (item: unknown) => void): { doc: Record<string, unknown>; itemsSeen: boolean } {
  const doc: Record<string, unknown> = {};
  let itemsSeen = false;
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return whole(text, onItem);
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === CLOSE_BRACE) i++;
  else {
    for (;;) {
      if (text.charCodeAt(i) !== QUOTE) return whole(text, onItem);
      const keyEnd = endOfString(text, i);
      const key = JSON.parse(text.slice(i, keyEnd)) as string;
      i = skipSpace(text, keyEnd);
      if (text.charCodeAt(i) !== COLON) return whole(text, onItem);
      i = skipSpace(text, i + 1);
      if (key === 'items' && text.charCodeAt(i) === OPEN_BRACKET && !itemsSeen) {
        itemsSeen = true;
        i = skipSpace(text, i + 1);
        if (text.charCodeAt(i) === CLOSE_BRACKET) i = skipSpace(text, i + 1);
        else {
          for (;;) {
            const end = endOfValue(text, i);
            onItem(JSON.parse(text.slice(i, end)));
            i = skipSpace(text, end);
            const c = text.charCodeAt(i);
            i = skipSpace(text, i + 1);
            if (c === CLOSE_BRACKET) break;
            if (c !== COMMA) throw new SyntaxError('expected , or ] in items');
          }
        }
      } else {
        const end = endOfValue(text, i);
        // As JSON.parse does: every key an own data property, "__proto__" included.
        Object.defineProperty(doc, key, { value: JSON.parse(text.slice(i, end)), writable: true, enumerable: true, configurable: true });
        i = skipSpace(text, end);
      }
      const c = text.charCodeAt(i);
      i = skipSpace(text, i + 1);
      if (c === CLOSE_BRACE) break;
      if (c !== COMMA) throw new SyntaxError('expected , or } in the list object');
    }
  }
  if (skipSpace(text, i) !== text.length) throw new SyntaxError('text after the list object');
  return { doc, itemsSeen };
}

function whole(text: string, onItem: (item: unknown) => void): { doc: Record<string, unknown>; itemsSeen: boolean } {
  const v = JSON.parse(text) as unknown;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { doc: { value: v }, itemsSeen: false };
  const doc = v as Record<string, unknown>;
  const items = doc['items'];
  if (!Array.isArray(items)) return { doc, itemsSeen: false };
  delete doc['items'];
  for (const item of items) onItem(item);
  return { doc, itemsSeen: true };
}
