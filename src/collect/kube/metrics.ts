// metrics.k8s.io (metrics-server): per-container pod usage and node usage, joined to pods by
// namespace + name (the client library's topPods joins by name only). Any failure here
// degrades to usage null plus a note; it never fails the snapshot.
import type { Note, R } from '../../model/snapshot.js';
import { note } from '../../model/snapshot.js';
import { mapLimit } from './concurrency.js';
import { ApiError, TransportError, type KubeHttp } from './http.js';
import { ListItemsStream } from './json-items.js';
import { exactUsage, PodUsageMap, roundUsage } from './usage.js';

const GROUP = '/apis/metrics.k8s.io/v1beta1';

interface MetricsItem {
  metadata?: { name?: string; namespace?: string };
  containers?: Array<{ name?: string; usage?: unknown }>;
  usage?: unknown;
}

interface MetricsList {
  items?: MetricsItem[];
}

/** "namespace/name" → usage, or null with a note when the metrics API did not answer. */
export async function readPodMetrics(
  http: KubeHttp,
  namespaces: string[] | null,
  notes: Note[],
): Promise<PodUsageMap | null> {
  const paths = namespaces === null ? [`${GROUP}/pods`] : namespaces.map((ns) => `${GROUP}/namespaces/${encodeURIComponent(ns)}/pods`);
  try {
    // Each list's items are parsed one by one as the answer arrives (json-items.ts): the metrics
    // of all pods are never held as one text or one object tree next to the pod pages being read.
    const lists = await mapLimit(paths, 4, (p) =>
      http.getStreamed(p, () => {
        const usage = new PodUsageMap();
        const listNotes: Note[] = [];
        const items = new ListItemsStream((raw) => {
          const item = raw as MetricsItem;
          const ns = item?.metadata?.namespace;
          const name = item?.metadata?.name;
          if (!ns || !name) return;
          const where = `metrics of pod ${ns}/${name}`;
          const containers = (Array.isArray(item?.containers) ? item.containers : [])
            .filter((c) => typeof c?.name === 'string' && c.name)
            .map((c) => ({ name: c.name!, usage: exactUsage(c.usage, `${where} container ${c.name}`, listNotes) }));
          usage.add(`${ns}/${name}`, containers);
        });
        return {
          write: (text: string) => items.write(text),
          end: () => {
            items.end();
            return { usage, listNotes };
          },
        };
      }),
    );
    // Namespace by namespace: one map per namespace (a pod key is in one namespace only).
    const out = lists.length === 1 ? lists[0]!.usage : new PodUsageMap();
    for (const { usage, listNotes } of lists) {
      if (usage !== out) out.addAll(usage);
      notes.push(...listNotes);
    }
    return out;
  } catch (err) {
    notes.push(metricsNote(err, 'pod'));
    return null;
  }
}

export async function readNodeMetrics(http: KubeHttp, notes: Note[]): Promise<Map<string, R> | null> {
  try {
    const list = (await http.getJson(`${GROUP}/nodes`)) as MetricsList;
    const out = new Map<string, R>();
    for (const item of Array.isArray(list?.items) ? list.items : []) {
      const name = item?.metadata?.name;
      if (name) out.set(name, roundUsage(exactUsage(item.usage, `metrics of node ${name}`, notes)));
    }
    return out;
  } catch (err) {
    notes.push(metricsNote(err, 'node'));
    return null;
  }
}

function metricsNote(err: unknown, what: 'pod' | 'node'): Note {
  const tail = `${what} usage is null`;
  if (err instanceof ApiError) {
    if (err.status === 404) {
      return note('live.metrics-absent', 'warn', `metrics.k8s.io is not served (404; is metrics-server installed?): ${tail}`);
    }
    if (err.status === 403) {
      return note('live.metrics-forbidden', 'warn', `reading metrics.k8s.io ${what}s was refused (403: ${err.message}): ${tail}`);
    }
    if (err.status === 503) {
      return note('live.metrics-unavailable', 'warn', `metrics.k8s.io is unavailable (503: ${err.message}): ${tail}`);
    }
    return note('live.metrics-error', 'warn', `metrics.k8s.io answered ${err.status} (${err.message}): ${tail}`);
  }
  if (err instanceof TransportError) {
    return note('live.metrics-unavailable', 'warn', `metrics.k8s.io did not answer (${err.message}): ${tail}`);
  }
  throw err;
}
