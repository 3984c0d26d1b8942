// Parses YAML or JSON text (one or many documents, `List`s unwrapped) into plain objects, each
// with a Locator that turns a field path into "file:line" for messages. Pure.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { InputError } from '../../errors.js';

export type Path = ReadonlyArray<string | number>;

/** Where fields of one object are in the text. Paths are relative to the object it was made for. */
export interface Locator {
  /** "file:line" of the field (or of the nearest enclosing node found), else the file. */
  at(path: Path): string;
  /** A locator for the object at path. */
  sub(path: Path): Locator;
}

/** A locator for objects that came from no text (the live API): every field is "where". */
export function fixedLocator(where: string): Locator {
  const loc: Locator = { at: () => where, sub: () => loc };
  return loc;
}

export interface SourceObject {
  obj: Record<string, unknown>;
  loc: Locator;
  /** "file:line" of the object's start */
  where: string;
  /** 0-based index of the YAML document it came from */
  documentIndex: number;
  /** true when it was an item of a `kind: …List` */
  fromList: boolean;
}

export interface ParsedObjects {
  objects: SourceObject[];
  /** Documents that held nothing (comments only, `---` separators). */
  emptyDocuments: number;
  /** Documents that are neither an object nor null (a bare string, a list). */
  otherDocuments: number;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses every document; a syntax error is an InputError naming file:line. */
export function parseObjects(text: string, origin: string, firstLine = 1): ParsedObjects {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const result: ParsedObjects = { objects: [], emptyDocuments: 0, otherDocuments: 0 };
  if (!Array.isArray(docs)) return result; // EmptyStream
  docs.forEach((doc, documentIndex) => {
    const err = doc.errors[0];
    if (err) {
      const line = lineOf(err.pos[0]);
      const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
      throw new InputError(`YAML syntax error: ${msg}`, `${origin}:${line}`);
    }
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      throw new InputError(`cannot read document ${documentIndex + 1}: ${(e as Error).message}`, origin);
    }
    if (js === null || js === undefined) {
      result.emptyDocuments++;
      return;
    }
    if (!isRecord(js)) {
      result.otherDocuments++;
      return;
    }
    const docLoc = makeLocator(doc, [], origin, lineOf);
    const kind = js['kind'];
    if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(js['items'])) {
      js['items'].forEach((item, i) => {
        if (!isRecord(item)) {
          result.otherDocuments++;
          return;
        }
        const loc = docLoc.sub(['items', i]);
        result.objects.push({ obj: item, loc, where: loc.at([]), documentIndex, fromList: true });
      });
      return;
    }
    result.objects.push({ obj: js, loc: docLoc, where: docLoc.at([]), documentIndex, fromList: false });
  });
  return result;
}

function makeLocator(doc: Document.Parsed, base: Path, origin: string, lineOf: (offset: number) => number): Locator {
  const nodeAt = (path: Path) => {
    const full = [...base, ...path];
    // The nearest node that exists, walking up from the field.
    for (let n = full.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(full.slice(0, n), true);
      if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
        return node;
      }
    }
    return null;
  };
  return {
    at(path) {
      const found = nodeAt(path);
      return found ? `${origin}:${lineOf((found.range as number[])[0]!)}` : origin;
    },
    sub(path) {
      return makeLocator(doc, [...base, ...path], origin, lineOf);
    },
  };
}
