// Pods in the namespaces asked for (-n, repeatable) or in all (-A), with the 403 fallbacks:
// with -A a refused cluster-wide list falls back to the namespaces that can be listed one by one;
// a refused namespace is named in a note and the others are kept.
import { ClusterError } from '../../errors.js';
import type { Note, Pod } from '../../model/snapshot.js';
import { note } from '../../model/snapshot.js';
import { mapLimit } from './concurrency.js';
import { ApiError, type KubeHttp } from './http.js';
import { listAll } from './list.js';
import { NoteFolder } from '../import/pod-spec.js';
import { podFromApiObject } from './pod-object.js';
import { PodPool } from './pod-pool.js';

export interface PodList {
  pods: Pod[];
  /** null = read cluster-wide; otherwise the namespaces that were read */
  namespacesRead: string[] | null;
  /** namespaces whose pods the server refused to list */
  forbidden: string[];
}

const NAMESPACE_CONCURRENCY = 4;

export async function listPods(
  http: KubeHttp,
  namespaces: string[] | null,
  pageLimit: number,
  notes: Note[],
): Promise<PodList> {
  const pool = new PodPool();
  if (namespaces === null) {
    try {
      const { pods, podNotes } = await listPodsAt(http, '/api/v1/pods', 'pods in all namespaces', pageLimit, notes, pool);
      notes.push(...podNotes.notes());
      return { pods: sortPods(pods), namespacesRead: null, forbidden: [] };
    } catch (err) {
      if (!isForbidden(err)) throw err;
      const all = await listNamespaceNames(http, pageLimit, notes, (err as ApiError).message);
      notes.push(
        note(
          'live.cluster-pods-forbidden',
          'warn',
          `listing pods in all namespaces was refused (403); listed the ${all.length} namespace(s) one by one instead`,
        ),
      );
      return listNamespaces(http, all, pageLimit, notes, pool);
    }
  }
  return listNamespaces(http, namespaces, pageLimit, notes, pool);
}

async function listNamespaces(http: KubeHttp, namespaces: string[], pageLimit: number, notes: Note[], pool: PodPool): Promise<PodList> {
  const unique = [...new Set(namespaces)];
  const results = await mapLimit(unique, NAMESPACE_CONCURRENCY, async (ns) => {
    try {
      const path = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`;
      return { ns, ...(await listPodsAt(http, path, `pods in namespace ${ns}`, pageLimit, notes, pool)) };
    } catch (err) {
      if (isForbidden(err)) return { ns, pods: null, podNotes: null, message: (err as ApiError).message };
      throw err;
    }
  });
  const forbidden = results.filter((r) => r.pods === null).map((r) => r.ns);
  // The pods' notes in namespace order (the lists ran concurrently).
  const podNotes = new NoteFolder();
  for (const r of results) if (r.podNotes) podNotes.pushFolded(r.podNotes);
  notes.push(...podNotes.notes());
  const readable = results.filter((r) => r.pods !== null);
  if (readable.length === 0 && forbidden.length > 0) {
    const first = results.find((r) => r.pods === null) as { message?: string };
    throw new ClusterError(`listing pods was refused in every namespace asked for (${nameList(forbidden)}): ${first.message}`);
  }
  if (forbidden.length > 0) {
    notes.push(
      note(
        'live.namespace-forbidden',
        'warn',
        `listing pods was refused (403) in ${forbidden.length} namespace(s), left out of the snapshot: ${nameList(forbidden)}`,
      ),
    );
  }
  return {
    pods: sortPods(readable.flatMap((r) => r.pods ?? [])),
    namespacesRead: readable.map((r) => r.ns),
    forbidden,
  };
}

async function listNamespaceNames(http: KubeHttp, pageLimit: number, notes: Note[], podsMessage: string): Promise<string[]> {
  try {
    return await listAll(
      http,
      {
        path: '/api/v1/namespaces',
        pageLimit,
        what: 'namespaces',
        pick: (item) => {
          const name = (item as { metadata?: { name?: unknown } })?.metadata?.name;
          return typeof name === 'string' && name ? name : null;
        },
      },
      notes,
    );
  } catch (err) {
    if (!isForbidden(err)) throw err;
    throw new ClusterError(
      `listing pods in all namespaces was refused (${podsMessage}) and so was listing namespaces; name the namespaces with -n`,
    );
  }
}

/**
 * One list of pods. The pods' own notes (suspicious quantities, ignored resources — one or more
 * per pod) are folded as they come; a list that starts over drops those of its first attempt.
 */
async function listPodsAt(
  http: KubeHttp,
  path: string,
  what: string,
  pageLimit: number,
  notes: Note[],
  pool: PodPool,
): Promise<{ pods: Pod[]; podNotes: NoteFolder }> {
  let podNotes = new NoteFolder();
  const pick = (item: unknown): Pod | null => {
    const pod = podFromApiObject(item, podNotes);
    return pod && pool.share(pod);
  };
  const onRestart = (): void => {
    podNotes = new NoteFolder();
  };
  const pods = await listAll(http, { path, pageLimit, what, pick, onRestart }, notes);
  return { pods, podNotes };
}

function isForbidden(err: unknown): boolean {
  return err instanceof ApiError && err.status === 403;
}

export function nameList(names: string[], max = 20): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

function sortPods(pods: Pod[]): Pod[] {
  return pods.sort((a, b) =>
    a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}
