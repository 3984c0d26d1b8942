// Nodes with capacity and allocatable.
import type { Node, Note } from '../../model/snapshot.js';
import type { KubeHttp } from './http.js';
import { listAll } from './list.js';
import { quantityR } from './pod-object.js';

export async function listNodes(http: KubeHttp, pageLimit: number, notes: Note[]): Promise<Node[]> {
  const nodes = await listAll(
    http,
    {
      path: '/api/v1/nodes',
      pageLimit,
      what: 'nodes',
      pick: (item) => {
        const o = item as { metadata?: { name?: unknown }; status?: { capacity?: unknown; allocatable?: unknown } };
        const name = o?.metadata?.name;
        if (typeof name !== 'string' || !name) return null;
        const node: Node = {
          name,
          capacity: o.status?.capacity ? quantityR(o.status.capacity, `node ${name} capacity`, notes) : null,
          allocatable: o.status?.allocatable ? quantityR(o.status.allocatable, `node ${name} allocatable`, notes) : null,
          usage: null,
        };
        return node;
      },
    },
    notes,
  );
  return nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
