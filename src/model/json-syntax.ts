// Locates the first JSON syntax error (line, column, reason). JSON.parse on Node 20 often gives
// no position ("Unexpected end of JSON input"), so this small scanner is run only after
// JSON.parse has failed, to say where.

import { InputError } from '../errors.js';

/** JSON.parse, with a malformed or truncated text an InputError naming `origin`, line and column. */
export function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const where = locateJsonError(text);
    const detail = where ? `at line ${where.line} column ${where.column} (${where.reason})` : `(${(err as Error).message})`;
    throw new InputError(`truncated or malformed JSON ${detail}`, origin);
  }
}

export interface JsonSyntaxError {
  line: number;
  column: number;
  reason: string;
}

class Stop extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function locateJsonError(text: string): JsonSyntaxError | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const unexpected = (): never => {
    if (i >= text.length) throw new Stop(i, 'unexpected end of input');
    throw new Stop(i, `unexpected ${JSON.stringify(text[i])}`);
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) unexpected();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) throw new Stop(i, 'unexpected end of input inside a string');
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < ' ') throw new Stop(i, 'control character inside a string');
      if (ch === '\\') {
        i++;
        const esc = text[i];
        if (esc === undefined) throw new Stop(i, 'unexpected end of input inside a string');
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) throw new Stop(i, 'bad \\u escape');
          i += 5;
        } else if ('"\\/bfnrt'.includes(esc)) i++;
        else throw new Stop(i, `bad escape "\\${esc}"`);
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0].length === 0) unexpected();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') {
          if (i >= text.length) unexpected();
          throw new Stop(i, `expected a property name, found ${JSON.stringify(text[i])}`);
        }
        string();
        ws();
        if (text[i] !== ':') unexpected();
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        unexpected();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        unexpected();
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    unexpected();
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < text.length) throw new Stop(i, `unexpected ${JSON.stringify(text[i])} after the end of the document`);
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { ...lineColumn(text, e.at), reason: e.reason };
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
