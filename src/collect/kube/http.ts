// The only code that talks HTTP to the API server. The client library supplies TLS material and
// auth headers (applyToHTTPSOptions, so exec/OIDC/token-file auth work as with kubectl); the
// requests are made here so that every one has a timeout and a list page is parsed and dropped
// without the client's model deserialisation.
import http from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import type { TextSink } from './json-items.js';
import { createGunzip } from 'node:zlib';
import type { KubeTarget } from './kubeconfig.js';

/** The server answered with a non-2xx status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly reason: string | null,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** No answer: connection refused, DNS, TLS, timeout. `code` is Node's (ECONNREFUSED, CERT_…) or TIMEOUT. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

export interface KubeHttpOptions {
  timeoutMs: number;
  /** Aborts requests in flight (Ctrl-C during sampling). */
  signal?: AbortSignal;
}

interface Prepared {
  options: https.RequestOptions;
  agent: http.Agent | undefined;
}

export class KubeHttp {
  readonly base: URL;
  bytesReceived = 0;
  requests = 0;
  private prepared: Promise<Prepared> | null = null;

  constructor(
    private readonly target: KubeTarget,
    private readonly opts: KubeHttpOptions,
  ) {
    this.base = new URL(target.kc.getCurrentCluster()!.server);
  }

  /** Re-reads credentials (exec plugins, token files) before the next request; call between samples. */
  refresh(): void {
    void this.prepared?.then((p) => p.agent?.destroy(), () => undefined);
    this.prepared = null;
  }

  close(): void {
    this.refresh();
  }

  private prepare(): Promise<Prepared> {
    if (!this.prepared) {
      this.prepared = (async () => {
        const options: https.RequestOptions = { headers: {} };
        await this.target.kc.applyToHTTPSOptions(options);
        const agent = options.agent instanceof http.Agent ? options.agent : undefined;
        if (agent) {
          // One connection per request otherwise; per-node Summary calls benefit from reuse.
          (agent as unknown as { keepAlive: boolean }).keepAlive = true;
        }
        return { options, agent };
      })();
    }
    return this.prepared;
  }

  /** GET a JSON document. Throws ApiError or TransportError. */
  getJson(path: string, timeoutMs = this.opts.timeoutMs): Promise<unknown> {
    return this.getParsed(path, (text) => JSON.parse(text) as unknown, timeoutMs);
  }

  /** GET a JSON document read by `parse`; a SyntaxError from it means the answer is not JSON. */
  getParsed<T>(path: string, parse: (text: string) => T, timeoutMs = this.opts.timeoutMs): Promise<T> {
    return this.getStreamed(path, () => {
      const parts: string[] = [];
      return { write: (text) => parts.push(text), end: () => parse(parts.join('')) };
    }, timeoutMs);
  }

  /**
   * GET a JSON document handed to a sink piece by piece as it arrives (decoded chunk by chunk:
   * each Buffer is garbage at once). A SyntaxError from the sink means the answer is not JSON.
   */
  async getStreamed<T>(path: string, sink: () => TextSink<T>, timeoutMs = this.opts.timeoutMs): Promise<T> {
    const { options } = await this.prepare();
    const url = new URL(joinPath(this.base.pathname, path), this.base);
    const mod = url.protocol === 'http:' ? http : https;
    this.requests++;
    // One controller per request, its timer cleared and its listener on the caller's signal
    // removed when the request settles. (With AbortSignal.timeout and AbortSignal.any, each
    // request's signals outlived the answer until the timeout fired: a heap profile while
    // sampling found them among what reached the old generation; docs/performance.md.)
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const outer = this.opts.signal;
    const onOuterAbort = (): void => controller.abort(outer?.reason);
    if (outer?.aborted) controller.abort(outer.reason);
    else outer?.addEventListener('abort', onOuterAbort, { once: true });
    const settled = <V>(value: V): V => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
      return value;
    };
    return new Promise<T>((resolve, reject) => {
      const fail = (err: unknown): void => reject(settled(this.transportError(err, path, timedOut, timeoutMs)));
      const req = mod.request(
        url,
        {
          ...options,
          method: 'GET',
          signal: controller.signal,
          headers: { ...(options.headers ?? {}), Accept: 'application/json', 'Accept-Encoding': 'gzip' },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          // A failed answer is read whole for its message; a good one goes to the sink.
          const errorParts: string[] = [];
          const target = ok ? sink() : { write: (text: string) => errorParts.push(text), end: () => errorParts.join('') };
          let parseError: unknown = null;
          const write = (text: string): void => {
            if (parseError !== null || text === '') return;
            try {
              target.write(text);
            } catch (err) {
              parseError = err;
            }
          };
          const decoder = new StringDecoder('utf8');
          const body = res.headers['content-encoding'] === 'gzip' ? res.pipe(createGunzip()) : res;
          res.on('data', (c: Buffer) => (this.bytesReceived += c.length));
          body.on('data', (c: Buffer) => write(decoder.write(c)));
          body.on('error', fail);
          res.on('error', fail);
          body.on('end', () => {
            write(decoder.end());
            let result: T | string;
            try {
              if (parseError !== null) throw parseError;
              result = target.end();
            } catch (err) {
              if (err instanceof SyntaxError) reject(settled(new ApiError(status, 'BadJSON', `${path}: the answer is not JSON`, path)));
              else reject(settled(err));
              return;
            }
            if (ok) resolve(settled(result as T));
            else reject(settled(apiError(status, result as string, path)));
          });
        },
      );
      req.on('error', fail);
      req.end();
    });
  }

  private transportError(err: unknown, path: string, timedOut: boolean, timeoutMs: number): Error {
    if (err instanceof ApiError || err instanceof TransportError) return err;
    if (timedOut) return new TransportError('TIMEOUT', `no answer within ${timeoutMs} ms`, path);
    const e = err as NodeJS.ErrnoException;
    if (e?.name === 'AbortError') return new TransportError('ABORTED', 'interrupted', path);
    const code = typeof e?.code === 'string' ? e.code : 'ERROR';
    const message = (e?.message ?? String(err)).split('\n')[0]!;
    // OpenSSL's "…:SSL routines:ssl3_get_record:wrong version number:../deps/…" → the reason only
    const ssl = /SSL routines:[^:]*:([^:]+)/.exec(message);
    if (ssl) return new TransportError('TLS', `${code}: TLS handshake failed (${ssl[1]!.trim()})`, path);
    return new TransportError(code, message.startsWith(code) ? message : `${code}: ${message}`, path);
  }
}

function joinPath(basePath: string, path: string): string {
  return basePath.replace(/\/+$/, '') + path;
}

function apiError(status: number, text: string, path: string): ApiError {
  let reason: string | null = null;
  let message = text.trim().split('\n')[0]!.slice(0, 300) || http.STATUS_CODES[status] || 'error';
  try {
    const s = JSON.parse(text) as { reason?: unknown; message?: unknown };
    if (typeof s.reason === 'string') reason = s.reason;
    if (typeof s.message === 'string' && s.message) message = s.message;
  } catch {
    // not a Status object; keep the first line of the text
  }
  return new ApiError(status, reason, message, path);
}
