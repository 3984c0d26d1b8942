// A list page parsed item by item: the text is scanned once for the top-level fields, and each
// element of "items" is JSON.parse'd on its own and handed to `onItem`, so the objects of one
// item die young instead of a whole page (~10 MB of objects at 500 pods) reaching the old
// generation at once. Anything unexpected falls back to one JSON.parse of the whole text.
// ListItemsStream (below) does the same for an answer read as it arrives, piece by piece.

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
 * Parses a JSON object; the elements of its top-level "items" array (or `arrayKey`'s) go to
 * onItem one by one (the returned object has no such field; `itemsSeen` says whether there was
 * such an array). With onItem null the elements are skipped unparsed: their brackets and strings
 * are scanned, their contents are not checked. Throws SyntaxError when the text is not JSON.
 */
export function parseListItems(
  text: string,
  onItem: ((item: unknown) => void) | null,
  arrayKey = 'items',
): { doc: Record<string, unknown>; itemsSeen: boolean } {
  const doc: Record<string, unknown> = {};
  let itemsSeen = false;
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return whole(text, onItem, arrayKey);
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === CLOSE_BRACE) i++;
  else {
    for (;;) {
      if (text.charCodeAt(i) !== QUOTE) return whole(text, onItem, arrayKey);
      const keyEnd = endOfString(text, i);
      const key = JSON.parse(text.slice(i, keyEnd)) as string;
      i = skipSpace(text, keyEnd);
      if (text.charCodeAt(i) !== COLON) return whole(text, onItem, arrayKey);
      i = skipSpace(text, i + 1);
      if (key === arrayKey && text.charCodeAt(i) === OPEN_BRACKET && !itemsSeen) {
        itemsSeen = true;
        i = skipSpace(text, i + 1);
        if (text.charCodeAt(i) === CLOSE_BRACKET) i = skipSpace(text, i + 1);
        else {
          for (;;) {
            const end = endOfValue(text, i);
            if (onItem) onItem(JSON.parse(text.slice(i, end)));
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

function whole(text: string, onItem: ((item: unknown) => void) | null, arrayKey: string): { doc: Record<string, unknown>; itemsSeen: boolean } {
  const v = JSON.parse(text) as unknown;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { doc: { value: v }, itemsSeen: false };
  const doc = v as Record<string, unknown>;
  const items = doc[arrayKey];
  if (!Array.isArray(items)) return { doc, itemsSeen: false };
  delete doc[arrayKey];
  if (onItem) for (const item of items) onItem(item);
  return { doc, itemsSeen: true };
}

/** Text handed over piece by piece as it arrives, then a result. */
export interface TextSink<T> {
  write(text: string): void;
  end(): T;
}

/**
 * parseListItems for text that arrives in pieces: each item is parsed as soon as it is complete,
 * so neither the whole answer (15 MiB for the metrics of 50k pods) nor its pieces are ever held.
 * What comes before and after the items array is kept and read by parseListItems at the end;
 * an answer that is not an object holding an "items" array is kept whole and read by it too.
 */
export class ListItemsStream implements TextSink<{ doc: Record<string, unknown>; itemsSeen: boolean }> {
  private mode: 'head' | 'items' | 'tail' | 'whole' = 'head';
  private head = '';
  private tail = '';
  // head scan
  private scan = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  private expectKey = false;
  private keyStart = -1;
  private key: string | null = null;
  private awaitingColon = false;
  private awaitingValue = false;
  // items scan: `cur` holds the text from the first character not yet consumed
  private cur = '';
  private at = 0;
  private start = -1;
  private itemDepth = 0;
  private needSeparator = false;
  private afterComma = false;

  constructor(private readonly onItem: (item: unknown) => void) {}

  write(text: string): void {
    if (this.mode === 'whole' || this.mode === 'head') {
      this.head += text;
      if (this.mode === 'head') this.scanHead();
    } else if (this.mode === 'items') {
      this.cur += text;
      this.scanItems();
    } else this.tail += text;
  }

  end(): { doc: Record<string, unknown>; itemsSeen: boolean } {
    if (this.mode === 'items') throw new SyntaxError('unterminated items');
    if (this.mode !== 'tail') return parseListItems(this.head, this.onItem);
    return parseListItems(`${this.head}[]${this.tail}`, () => undefined);
  }

  /** Looks for the top-level key "items" whose value is an array. */
  private scanHead(): void {
    const t = this.head;
    for (let i = this.scan; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyStart >= 0) {
            this.key = JSON.parse(t.slice(this.keyStart, i + 1)) as string;
            this.keyStart = -1;
            this.awaitingColon = true;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (this.awaitingValue) {
        this.awaitingValue = false;
        if (this.key === 'items' && c === OPEN_BRACKET) {
          this.mode = 'items';
          this.head = t.slice(0, i);
          this.cur = t.slice(i + 1);
          this.scanItems();
          return;
        }
      }
      if (this.depth === 0 && c !== OPEN_BRACE) {
        this.mode = 'whole'; // not an object: parseListItems reads it whole
        return;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && this.expectKey) {
          this.keyStart = i;
          this.expectKey = false;
        }
      } else if (c === COLON && this.depth === 1 && this.awaitingColon) {
        this.awaitingColon = false;
        this.awaitingValue = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        this.depth++;
        if (this.depth === 1) this.expectKey = true;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) this.depth--;
      else if (c === COMMA && this.depth === 1) this.expectKey = true;
    }
    this.scan = t.length;
  }

  /** Hands out every complete item of `cur`; keeps the rest. */
  private scanItems(): void {
    const t = this.cur;
    let i = this.at;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (this.start < 0) {
        if (isSpace(c)) continue;
        if (c === CLOSE_BRACKET) {
          if (this.afterComma) throw new SyntaxError('a comma before ] in items');
          this.mode = 'tail';
          this.tail = t.slice(i + 1);
          this.cur = '';
          return;
        }
        if (c === COMMA) {
          if (!this.needSeparator) throw new SyntaxError('unexpected , in items');
          this.needSeparator = false;
          this.afterComma = true;
          continue;
        }
        if (this.needSeparator) throw new SyntaxError('expected , or ] in items');
        this.start = i;
        this.itemDepth = 0;
        this.afterComma = false;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.itemDepth === 0) this.emit(t, i + 1);
        }
      } else if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.itemDepth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (this.itemDepth === 0) {
          // the end of a number, true, false or null item: the bracket is read again
          this.emit(t, i);
          i--;
        } else if (--this.itemDepth === 0) this.emit(t, i + 1);
      } else if (this.itemDepth === 0 && (c === COMMA || isSpace(c))) {
        this.emit(t, i);
        i--;
      }
    }
    const keep = this.start >= 0 ? this.start : i;
    this.cur = t.slice(keep);
    if (this.start >= 0) this.start -= keep;
    this.at = i - keep;
  }

  private emit(t: string, end: number): void {
    this.onItem(JSON.parse(t.slice(this.start, end)));
    this.start = -1;
    this.needSeparator = true;
  }
}
