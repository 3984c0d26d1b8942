// Deterministic edge-profile/v1 snapshot of a given number of containers, for the analysis
// benchmark: namespaces of ~40 pods, 1–3 app containers per pod, some init containers and
// native sidecars, requests/limits with unset (null) values, per-container usage for running
// pods, a few Succeeded Job pods and Pending pods, nodes of 110 pods each, and a host reading.
// Same arguments → byte-identical output.
//
//   node bench/gen-snapshot.mjs --containers 100000 [--samples 12] [--out FILE]
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** A small integer hash (deterministic, no state). */
function mix(i, salt) {
  let x = Math.imul(i + 1, 0x9e3779b1) + Math.imul(salt, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const MIB = 1048576;
const CPU_STEPS = [10, 25, 50, 100, 150, 200, 250, 500, 750, 1000, 2000];
const MEM_STEPS = [16, 32, 64, 128, 192, 256, 512, 1024, 2048].map((m) => m * MIB);
const OWNERS = ['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job'];

function r(cpu, mem) {
  return { cpuMillicores: cpu, memoryBytes: mem };
}

function container(i, c, name, type) {
  const h = mix(i, c + 1);
  const cpuReq = CPU_STEPS[h % CPU_STEPS.length];
  const memReq = MEM_STEPS[(h >>> 8) % MEM_STEPS.length];
  const shape = (h >>> 16) % 6;
  const requests = shape === 0 ? r(null, null) : shape === 1 ? r(cpuReq, null) : r(cpuReq, memReq);
  const limits = shape <= 2 ? r(null, null) : shape === 3 ? r(null, memReq * 2) : r(cpuReq * 2, memReq * 2);
  return { name, type, requests, limits, usage: null };
}

/** A reading varied around `base` for sample k of pod/node i: 80–120 % of it, whole units. */
function vary(base, i, k) {
  return Math.max(0, Math.round((base * (800 + (mix(i, 300 + k) % 401))) / 1000));
}

function variedR(base, i, k) {
  return r(vary(base.cpuMillicores, i, k), vary(base.memoryBytes, i, k));
}

/**
 * `samples` > 1 adds that many readings 5 s apart (snapshot --samples): per-container usage of
 * the running pods, node usage and the host, the last one equal to the top-level usage.
 * @param {{ containers: number, samples?: number, takenAt?: string }} opts
 * @returns {object} a Snapshot v1 document
 */
export function generateSnapshot({ containers, samples = 1, takenAt = '2026-01-01T00:00:00Z' }) {
  if (!Number.isInteger(containers) || containers < 1) throw new Error('containers must be a positive integer');
  if (!Number.isInteger(samples) || samples < 1) throw new Error('samples must be a positive integer');
  const pods = [];
  let left = containers;
  for (let i = 0; left > 0; i++) {
    const h = mix(i, 0);
    const owner = OWNERS[i % OWNERS.length];
    const phase = owner === 'Job' && i % 12 === 5 ? 'Succeeded' : i % 97 === 3 ? 'Pending' : 'Running';
    const list = [];
    if (i % 5 === 0) list.push(container(i, 10, 'setup', 'init'));
    if (i % 7 === 0) list.push(container(i, 11, 'proxy', 'sidecar'));
    const apps = 1 + (h % 3);
    for (let c = 0; c < apps; c++) list.push(container(i, c, c === 0 ? 'main' : `helper-${c}`, 'app'));
    list.length = Math.min(list.length, left);
    left -= list.length;
    if (phase === 'Running') {
      for (const [c, ct] of list.entries()) {
        if (ct.type === 'init') continue;
        const u = mix(i, 100 + c);
        ct.usage = r(1 + (u % 400), (8 + ((u >>> 9) % 600)) * MIB + (u % 4096));
      }
    }
    const podUsage = phase === 'Running'
      ? list.reduce((acc, ct) => (ct.usage ? r(acc.cpuMillicores + ct.usage.cpuMillicores, acc.memoryBytes + ct.usage.memoryBytes) : acc), r(0, 0))
      : null;
    const workload = `app-${i % 40}`;
    pods.push({
      namespace: `ns-${String(Math.floor(i / 40)).padStart(4, '0')}`,
      name: owner === 'Deployment' ? `${workload}-7499d967fc-${String(i).padStart(6, '0')}` : `${workload}-${i}`,
      phase,
      nodeName: phase === 'Pending' ? null : `node-${String(Math.floor(i / 110)).padStart(4, '0')}`,
      owner: { kind: owner, name: workload },
      containers: list,
      usage: podUsage,
      origin: 'live',
    });
  }
  const nodeCount = Math.max(1, Math.ceil(pods.length / 110));
  const nodes = Array.from({ length: nodeCount }, (_, j) => ({
    name: `node-${String(j).padStart(4, '0')}`,
    capacity: r(8000, 32 * 1024 * MIB),
    allocatable: r(7800, 31 * 1024 * MIB),
    usage: r(1000 + (mix(j, 7) % 5000), (4 + (mix(j, 8) % 20)) * 1024 * MIB),
  }));
  const host = {
    memory: {
      totalBytes: 1536 * MIB, usedBytes: 900 * MIB, freeBytes: 200 * MIB, sharedBytes: 2 * MIB,
      buffCacheBytes: 436 * MIB, availableBytes: 560 * MIB, swapTotalBytes: 0, swapUsedBytes: 0, swapFreeBytes: 0,
    },
    cpu: { cores: 1, loadAverage: [0.5, 0.4, 0.3], busyPercent: 35.5 },
    processes: [
      { pid: 1201, user: 'root', command: 'k0s', residentBytes: 310 * MIB, cpuPercent: 8.1 },
      { pid: 1302, user: 'root', command: 'kube-apiserver', residentBytes: 280 * MIB, cpuPercent: 6.3 },
    ],
  };
  const sampleList = [];
  if (samples > 1) {
    const t0 = Date.parse(takenAt);
    for (let k = 0; k < samples; k++) {
      const last = k === samples - 1;
      const podReadings = {};
      pods.forEach((p, i) => {
        if (!p.usage) return;
        const cs = {};
        for (const c of p.containers) if (c.usage) cs[c.name] = last ? c.usage : variedR(c.usage, i, k);
        podReadings[`${p.namespace}/${p.name}`] = { usage: null, containers: cs };
      });
      const nodeReadings = {};
      nodes.forEach((n, j) => (nodeReadings[n.name] = last ? n.usage : variedR(n.usage, j, k)));
      const used = last ? host.memory.usedBytes : vary(host.memory.usedBytes, 0, k);
      sampleList.push({
        takenAt: new Date(t0 + (k - samples + 1) * 5000).toISOString().replace('.000Z', 'Z'),
        host: { ...host, memory: { ...host.memory, usedBytes: used } },
        nodes: nodeReadings,
        pods: podReadings,
      });
    }
  }
  return {
    apiVersion: 'edge-profile/v1',
    kind: 'Snapshot',
    takenAt,
    source: { type: 'live', context: 'bench', server: 'https://127.0.0.1:6443', serverVersion: 'v1.32.0', namespaces: null },
    pods,
    nodes,
    host,
    notes: [],
    ...(sampleList.length ? { samples: sampleList } : {}),
  };
}

function main(argv) {
  let containers = null;
  let out = null;
  let samples = 1;
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--containers') containers = Number(argv[++k]);
    else if (argv[k] === '--samples') samples = Number(argv[++k]);
    else if (argv[k] === '--out') out = argv[++k];
    else throw new Error(`unknown argument ${argv[k]}`);
  }
  if (containers === null) throw new Error('usage: gen-snapshot.mjs --containers N [--samples N] [--out FILE]');
  const text = JSON.stringify(generateSnapshot({ containers, samples }), null, 2) + '\n';
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
