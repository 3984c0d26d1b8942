export function rssMethod(): string;
export function measure(
  cmd: string,
  args: string[],
  opts: { tmpDir: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; stdoutFile?: string | null; onStart?: (pid: number) => (() => void) | void },
): Promise<{ wallMs: number; peakRssBytes: number | null; cpuMs: number | null; exitCode: number | null; signal: string | null; timedOut: boolean; stderr: string }>;
