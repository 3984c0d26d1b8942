// Shares what repeats across the pods of a live inventory: the cpu/memory amounts of requests,
// limits and overhead (a few dozen distinct values across thousands of containers), owners, and
// the short strings every pod of a namespace or node carries. Each pod's JSON is parsed on its
// own, so without this every pod holds its own copy: at 50k pods ~20 MiB of the inventory.
//
// Shared objects are frozen: nothing may change one pod's amounts through another's. Usage is
// not shared — it is assigned per container later (live.ts), never written into these objects.
import type { Owner, Pod, R } from '../../model/snapshot.js';

export class PodPool {
  private readonly amounts = new Map<string, R>();
  private readonly owners = new Map<string, Owner>();
  private readonly strings = new Map<string, string>();

  /** The pod with its repeated parts replaced by shared ones (in place; returns the pod). */
  share(pod: Pod): Pod {
    pod.namespace = this.string(pod.namespace);
    if (pod.phase !== null) pod.phase = this.string(pod.phase);
    if (pod.nodeName !== null) pod.nodeName = this.string(pod.nodeName);
    if (pod.owner) pod.owner = this.owner(pod.owner);
    if (pod.overhead) pod.overhead = this.amount(pod.overhead);
    // An array filled by push() keeps room for ~16 elements; a copy holds just its own.
    pod.containers = pod.containers.slice();
    for (const c of pod.containers) {
      c.name = this.string(c.name);
      c.requests = this.amount(c.requests);
      c.limits = this.amount(c.limits);
    }
    return pod;
  }

  amount(r: R): R {
    const key = `${r.cpuMillicores}/${r.memoryBytes}`;
    let shared = this.amounts.get(key);
    if (!shared) {
      shared = Object.freeze({ cpuMillicores: r.cpuMillicores, memoryBytes: r.memoryBytes });
      this.amounts.set(key, shared);
    }
    return shared;
  }

  owner(o: Owner): Owner {
    const key = `${o.kind}\u0000${o.name}`;
    let shared = this.owners.get(key);
    if (!shared) {
      shared = Object.freeze({ kind: this.string(o.kind), name: o.name });
      this.owners.set(key, shared);
    }
    return shared;
  }

  string(s: string): string {
    const shared = this.strings.get(s);
    if (shared !== undefined) return shared;
    this.strings.set(s, s);
    return s;
  }
}
