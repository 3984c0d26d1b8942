// `JSON.stringify(doc, null, 2) + '\n'`, byte for byte, in chunks: the top-level arrays (pods,
// samples…) are stringified one element at a time, so a snapshot of 50k pods is never one
// 80 MiB string (plus its UTF-8 copy) in memory. JSON strings hold no raw newline, so an
// element's own text is re-indented by prefixing its line breaks.

/** Chunks of about this many characters are handed out (fewer, larger writes). */
const CHUNK_CHARS = 1 << 16;

function indented(value: unknown, pad: string): string | undefined {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  return text === undefined ? undefined : text.replace(/\n/g, '\n' + pad);
}

function* pieces(doc: Record<string, unknown>): Generator<string> {
  // JSON.stringify leaves out keys whose value is undefined, a function or a symbol.
  const keys = Object.keys(doc).filter((k) => {
    const t = typeof doc[k];
    return t !== 'undefined' && t !== 'function' && t !== 'symbol';
  });
  if (keys.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  let firstKey = true;
  for (const k of keys) {
    const v = doc[k];
    yield `${firstKey ? '' : ','}\n  ${JSON.stringify(k)}: `;
    firstKey = false;
    if (Array.isArray(v) && v.length > 0 && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      yield '[';
      for (let i = 0; i < v.length; i++) {
        // JSON.stringify writes undefined/functions in arrays as null.
        yield `${i > 0 ? ',' : ''}\n    ${indented(v[i], '    ') ?? 'null'}`;
      }
      yield '\n  ]';
    } else {
      yield indented(v, '  ')!;
    }
  }
  yield '\n}';
}

/** The document as JSON.stringify(doc, null, 2) would write it, plus a final newline, in chunks. */
export function* jsonChunks(doc: Record<string, unknown>): Generator<string> {
  let buf = '';
  for (const p of pieces(doc)) {
    buf += p;
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '\n';
}
