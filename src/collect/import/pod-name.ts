// Who owns a pod, guessed from its name alone (for captures that carry no ownerReferences).
import type { Owner, Pod } from '../../model/snapshot.js';

/** The alphabet of Kubernetes' rand.SafeEncodeString (no vowels, no 0/1/3). */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SAFE = `[${SAFE_ALPHABET}]`;

// A ReplicaSet's pod-template-hash is the decimal form of a uint32 hash, each digit mapped to one
// safe character: up to 10 characters, 9–10 in practice. We require at least 6 so a short
// consonant word ("my-db-x7k2p") is not taken for a hash.
const DEPLOYMENT = new RegExp(`^(.+)-${SAFE}{6,10}-${SAFE}{5}$`);
// generateName appends 5 safe characters (DaemonSet and Job pods, and ReplicaSets' pods after the hash).
const GENERATED = new RegExp(`^(.+)-${SAFE}{5}$`);
// A StatefulSet pod is <set>-<ordinal>, the ordinal without leading zeros.
const ORDINAL = /^(.+)-(0|[1-9]\d{0,5})$/;

/**
 * Owner guessed from a pod name:
 * - `<base>-<rs-hash>-<5>` → Deployment base (a ReplicaSet of a Deployment);
 * - `<base>-<5>` → "Workload" base (DaemonSet or Job: the name alone cannot tell);
 * - `<base>-<ordinal>` → StatefulSet base;
 * - anything else (static pods such as `kube-apiserver-node1`, bare pods) → null.
 * A 5-character suffix of safe characters wins over an ordinal ("-24567" is generated).
 */
export function inferOwnerFromPodName(name: string): Owner | null {
  const dep = DEPLOYMENT.exec(name);
  if (dep) return { kind: 'Deployment', name: dep[1]! };
  const gen = GENERATED.exec(name);
  if (gen) return { kind: 'Workload', name: gen[1]! };
  const ord = ORDINAL.exec(name);
  if (ord) return { kind: 'StatefulSet', name: ord[1]! };
  return null;
}

/** A pod as a capture knows it: identity only, owner guessed from the name. */
export function capturedPod(namespace: string, name: string): Pod {
  const owner = inferOwnerFromPodName(name);
  return {
    namespace,
    name,
    phase: null,
    nodeName: null,
    owner,
    containers: [],
    usage: null,
    origin: 'capture',
    ...(owner ? { ownerInferred: true } : {}),
  };
}
