export interface Run {
  wallMs: number;
  peakRssBytes: number | null;
  bytesReceived?: number | null;
  cpuMs?: number | null;
}
export interface Peer {
  name: string;
  rounds?: number;
  run: (round: number) => Promise<Run>;
}
export interface PeerResult {
  name: string;
  runs: Run[];
  failed: string | null;
  wallMs: number | null;
  peakRssBytes: number | null;
  bytesReceived: number | null;
  cpuMs: number | null;
}
export function sideBySide(peers: Peer[], rounds: number, log: (msg: string) => void): Promise<PeerResult[]>;
export function checkExit(what: string, m: { exitCode: number | null; signal: string | null; timedOut?: boolean; wallMs: number; stderr: string }): void;
