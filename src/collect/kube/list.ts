// Paginated list calls (limit/continue), one page in memory at a time. Each item is parsed on its
// own and reduced by `pick` (json-items.ts), so no page is ever held as objects: the garbage of
// an item dies young, and the heap stays near what is kept — no forced GC needed.
import { ClusterError } from '../../errors.js';
import type { Note } from '../../model/snapshot.js';
import { note } from '../../model/snapshot.js';
import { ListItemsStream } from './json-items.js';
import { ApiError, type KubeHttp } from './http.js';

/** Upper bound on pages of one list (500 × 100 000 items): a guard against a looping server. */
const MAX_PAGES = 100_000;

interface ListPage {
  items?: unknown[];
  metadata?: { continue?: string; resourceVersion?: string };
}

export interface ListRequest<T> {
  /** e.g. /api/v1/pods or /api/v1/namespaces/NS/pods */
  path: string;
  /** items per page; 0 = no limit */
  pageLimit: number;
  pick: (item: unknown) => T | null;
  /** what is listed, for notes and errors: "pods in all namespaces" */
  what: string;
  /** called when the list starts over (410 Gone): what `pick` kept of the first attempt is void */
  onRestart?: () => void;
}

/**
 * Lists every item. When the continue token expires (410 Gone) the list restarts from the
 * beginning once, with a note; a second expiry throws ClusterError, never a partial or
 * duplicated set.
 */
export async function listAll<T>(http: KubeHttp, req: ListRequest<T>, notes: Note[]): Promise<T[]> {
  for (let attempt = 1; ; attempt++) {
    const out: T[] = [];
    let cont: string | null = null;
    let pages = 0;
    try {
      const seen = new Set<string>();
      do {
        const q = new URLSearchParams();
        if (req.pageLimit > 0) q.set('limit', String(req.pageLimit));
        if (cont) q.set('continue', cont);
        const qs = q.toString();
        const path = qs ? `${req.path}?${qs}` : req.path;
        const parsed = await http.getStreamed(
          path,
          () =>
            new ListItemsStream((item) => {
              const v = req.pick(item);
              if (v !== null) out.push(v);
            }),
        );
        if (!parsed.itemsSeen) throw new ApiError(200, 'BadList', `${req.what}: the answer has no items list`, path);
        const page = parsed.doc as ListPage;
        pages++;
        cont = typeof page.metadata?.continue === 'string' && page.metadata.continue ? page.metadata.continue : null;
        if (cont !== null) {
          if (seen.has(cont)) throw new ClusterError(`${req.what}: the server sent the same continue token twice`);
          if (pages >= MAX_PAGES) throw new ClusterError(`${req.what}: more than ${MAX_PAGES} pages`);
          seen.add(cont);
        }
      } while (cont !== null);
      return out;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 410 || cont === null) throw err;
      if (attempt >= 2) {
        throw new ClusterError(
          `${req.what}: the list expired twice while paging (${err.message}); try a larger page limit`,
        );
      }
      req.onRestart?.();
      notes.push(
        note(
          'live.list-restarted',
          'info',
          `${req.what}: the continue token expired after ${pages} page(s) (410 Gone); listed again from the start`,
        ),
      );
    }
  }
}
