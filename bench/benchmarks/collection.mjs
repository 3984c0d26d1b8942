// Collection: `edge-profile snapshot -A --no-host` against `kubectl get pods -A -o json` +
// `kubectl top pod -A --containers` and against the floor (bench/floor-fetch.mjs: fetch +
// JSON.parse of the same lists edge-profile reads), on the loopback fake API server with 1k,
// 10k and 50k generated pods. Bytes received = response bodies the server sent during the run.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure } from '../lib/measure.mjs';
import { checkExit, sideBySide } from '../lib/side-by-side.mjs';
import { formatBytes, formatMiB, formatRatio, formatSeconds } from '../lib/stats.mjs';

const MiB = 1048576;

/** Pods per node as a real cluster (110 max per node), namespaces of ~50 pods. */
export function clusterSpec(pods) {
  return { pods, nodes: Math.max(1, Math.ceil(pods / 100)), namespaces: Math.max(1, Math.ceil(pods / 50)) };
}

function countItems(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  return Array.isArray(doc.pods) ? doc.pods.length : Array.isArray(doc.items) ? doc.items.length : typeof doc.pods === 'number' ? doc.pods : null;
}

export async function collection(ctx) {
  const notes = [];
  if (!ctx.kube) {
    return { title: 'Collection', header: [], rows: [], notes: ['test/kube-server/ has not landed: collection not measured'], verdicts: [] };
  }
  const canSnapshot = ctx.hasCommand('snapshot');
  if (!canSnapshot) notes.push('`snapshot` command not in this build yet: edge-profile not measured');
  const sizes = ctx.only?.sizes ?? [1000, 10_000, 50_000];
  const out = join(ctx.tmpDir, 'collection-out.json');
  const rows = [];
  const verdicts = [];
  const perSize = new Map();
  for (const n of sizes) {
    ctx.log(`collection: ${n} pods`);
    const server = await ctx.kube.startKubeServer(clusterSpec(n));
    try {
      const kc = join(ctx.tmpDir, `kubeconfig-${n}`);
      writeFileSync(kc, ctx.kube.kubeconfigFor(server.url));
      const cacheDir = join(ctx.tmpDir, `kubectl-cache-${n}`);
      mkdirSync(cacheDir, { recursive: true });
      /** Measures one command; bytes = what the server sent meanwhile; checks the pod count. */
      const step = async (what, cmd, args, expectPods) => {
        const before = server.bytesSent;
        const m = await measure(cmd, args, { tmpDir: ctx.tmpDir, cwd: ctx.repoRoot, stdoutFile: out, timeoutMs: 900_000 });
        const bytesReceived = server.bytesSent - before;
        checkExit(what, m);
        const outBytes = statSync(out).size;
        if (expectPods) {
          const got = countItems(out);
          if (got !== n) throw new Error(`${what}: ${got} pods in the output, expected ${n}`);
        }
        rmSync(out, { force: true });
        return { ...m, bytesReceived, outBytes };
      };
      const peers = [
        {
          name: 'floor: fetch + JSON.parse',
          run: () => step('floor', process.execPath, [join(ctx.repoRoot, 'bench/floor-fetch.mjs'), server.url, '500'], true),
        },
      ];
      if (canSnapshot) {
        peers.push({
          name: 'edge-profile snapshot -A --no-host',
          run: () => step('edge-profile snapshot', process.execPath, [ctx.cli, 'snapshot', '-A', '--no-host', '--kubeconfig', kc], true),
        });
      }
      const kubectlRounds = n >= 50_000 ? (ctx.quick ? 0 : 1) : n >= 10_000 && ctx.quick ? 0 : ctx.rounds;
      if (ctx.kubectl && kubectlRounds > 0) {
        const kubectl = (args) => [`--kubeconfig=${kc}`, `--cache-dir=${cacheDir}`, '--request-timeout=600s', ...args];
        peers.push({
          name: 'kubectl get pods -A -o json + top pod -A --containers',
          rounds: kubectlRounds,
          run: async () => {
            const a = await step('kubectl get pods', ctx.kubectl, kubectl(['get', 'pods', '-A', '-o', 'json']), true);
            const b = await step('kubectl top pod', ctx.kubectl, kubectl(['top', 'pod', '-A', '--containers']), false);
            return {
              wallMs: a.wallMs + b.wallMs,
              peakRssBytes: Math.max(a.peakRssBytes ?? 0, b.peakRssBytes ?? 0) || null,
              bytesReceived: a.bytesReceived + b.bytesReceived,
              getWallMs: a.wallMs,
              getRssBytes: a.peakRssBytes,
            };
          },
        });
      } else if (ctx.kubectl) {
        notes.push(`kubectl skipped at ${n} pods (${ctx.quick ? '--quick' : 'rounds'})`);
      }
      const res = await sideBySide(peers, ctx.rounds, ctx.log);
      perSize.set(n, res);
      const floor = res[0];
      for (const r of res) {
        rows.push([
          `${n.toLocaleString('en')} pods: ${r.name}`,
          String(r.runs.length),
          r.failed ? `FAILED: ${r.failed.slice(0, 120)}` : formatSeconds(r.wallMs),
          formatRatio(r.wallMs, floor.wallMs),
          formatMiB(r.peakRssBytes),
          formatBytes(r.bytesReceived),
        ]);
      }
      const kc2 = res.find((r) => r.name.startsWith('kubectl'));
      if (kc2 && kc2.runs.length > 0) {
        const getWall = kc2.runs.map((x) => x.getWallMs);
        notes.push(`${n} pods: kubectl get pods alone: ${formatSeconds(getWall.sort((a, b) => a - b)[getWall.length >> 1])}, ${formatMiB(Math.max(...kc2.runs.map((x) => x.getRssBytes ?? 0)))} peak`);
      }
    } finally {
      await server.close();
    }
  }
  const get = (n, prefix) => perSize.get(n)?.find((r) => r.name.startsWith(prefix) && !r.failed && r.runs.length > 0) ?? null;
  const ep10 = get(10_000, 'edge-profile');
  const floor10 = get(10_000, 'floor');
  const kubectl10 = get(10_000, 'kubectl');
  if (ep10 && floor10) verdicts.push({ target: '10k pods: wall ≤ 2× floor', measured: formatRatio(ep10.wallMs, floor10.wallMs), met: ep10.wallMs <= 2 * floor10.wallMs });
  if (ep10 && kubectl10) verdicts.push({ target: "10k pods: wall ≤ 0.25× kubectl's two commands", measured: formatRatio(ep10.wallMs, kubectl10.wallMs), met: ep10.wallMs <= 0.25 * kubectl10.wallMs });
  if (ep10) verdicts.push({ target: '10k pods: peak RSS ≤ 150 MiB', measured: formatMiB(ep10.peakRssBytes), met: ep10.peakRssBytes !== null && ep10.peakRssBytes <= 150 * MiB });
  const ep50 = get(50_000, 'edge-profile');
  if (ep10 && ep50) {
    // Per extra pod from 10k to 50k: both sizes are past the heap's start-up sizing (from 1k,
    // 1k → 10k alone adds ~3.7 KiB a pod of young-generation and page growth that does not recur).
    const perPod = (rss) => (rss - ep10.peakRssBytes) / 40_000;
    const growth = perPod(ep50.peakRssBytes);
    const worst = perPod(Math.max(...ep50.runs.map((r) => r.peakRssBytes ?? 0)));
    const snapPerPod = ep50.runs[0].outBytes / 50_000;
    const apiPerPod = ep50.bytesReceived / 50_000;
    const ep1 = get(1000, 'edge-profile');
    notes.push(
      `50k pods: the snapshot JSON is ${formatBytes(ep50.runs[0].outBytes)} (${(snapPerPod / 1024).toFixed(2)} KiB/pod); ` +
        `the API sent ${(apiPerPod / 1024).toFixed(2)} KiB/pod; peak RSS grew ${(growth / 1024).toFixed(2)} KiB per extra pod from 10,000 to 50,000 ` +
        `(medians; the highest 50k run: ${(worst / 1024).toFixed(2)} KiB)` +
        (ep1 ? `, ${((ep50.peakRssBytes - ep1.peakRssBytes) / 49_000 / 1024).toFixed(2)} KiB from 1,000` : ''),
    );
    // "No faster than the snapshot": each extra pod may cost at most the bytes it adds to the
    // snapshot; growth at the API's bytes per pod would mean whole pages or pod objects are kept.
    verdicts.push({
      target: '50k pods: RSS grows no faster than the snapshot (10k → 50k, per extra pod ≤ its JSON bytes)',
      measured: `${(growth / 1024).toFixed(2)} KiB/pod = ${(growth / snapPerPod).toFixed(2)}× snapshot JSON/pod (highest run ${(worst / snapPerPod).toFixed(2)}×)`,
      met: growth <= snapPerPod,
    });
  }
  return {
    title: 'Collection (loopback API server)',
    header: ['run', 'runs', 'wall (median)', 'vs floor', 'peak RSS', 'bytes received'],
    rows,
    notes,
    verdicts,
  };
}
