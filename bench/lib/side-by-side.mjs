// Runs peers on the same data in alternating rounds and reduces each peer's runs to medians.
import { median, roundOrder } from './stats.mjs';

/**
 * @typedef {{ wallMs: number, peakRssBytes: number | null, bytesReceived?: number | null, cpuMs?: number | null }} Run
 * @typedef {{ name: string, rounds?: number, run: (round: number) => Promise<Run> }} Peer
 * @typedef {{ name: string, runs: Run[], failed: string | null, wallMs: number | null, peakRssBytes: number | null, bytesReceived: number | null, cpuMs: number | null }} PeerResult
 */

/**
 * Each peer runs `rounds` times (or its own smaller `rounds`), interleaved A B A B … with the
 * first peer rotating each round. A peer that fails (throws) is not run again; its result says why.
 * @param {Peer[]} peers
 * @param {number} rounds
 * @param {(msg: string) => void} log
 * @returns {Promise<PeerResult[]>}
 */
export async function sideBySide(peers, rounds, log) {
  const results = new Map(peers.map((p) => [p.name, { name: p.name, runs: [], failed: null }]));
  for (const { round, peer } of roundOrder(peers, rounds)) {
    const res = results.get(peer.name);
    if (res.failed !== null || round >= (peer.rounds ?? rounds)) continue;
    try {
      const run = await peer.run(round);
      res.runs.push(run);
      log(`  round ${round + 1}: ${peer.name}: ${(run.wallMs / 1000).toFixed(3)} s, ${run.peakRssBytes === null ? '?' : (run.peakRssBytes / 1048576).toFixed(1)} MiB`);
    } catch (err) {
      res.failed = err instanceof Error ? err.message : String(err);
      log(`  round ${round + 1}: ${peer.name}: FAILED: ${res.failed}`);
    }
  }
  return peers.map((p) => {
    const r = results.get(p.name);
    const pick = (k) => median(r.runs.map((x) => x[k] ?? null));
    return { ...r, wallMs: pick('wallMs'), peakRssBytes: pick('peakRssBytes'), bytesReceived: pick('bytesReceived'), cpuMs: pick('cpuMs') };
  });
}

/** Throws a one-line error when a measured command did not exit 0. */
export function checkExit(what, m) {
  if (m.timedOut) throw new Error(`${what} did not finish within the timeout (${(m.wallMs / 1000).toFixed(0)} s): killed`);
  if (m.exitCode !== 0) {
    const tail = m.stderr.trim().split('\n').slice(-3).join(' | ');
    throw new Error(`${what} exited ${m.exitCode ?? m.signal}: ${tail}`);
  }
}
