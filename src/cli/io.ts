// What a command may touch of the outside world, passed in so commands are testable.

export interface CliIO {
  /** Result output (stdout). */
  out(text: string): void;
  /** Progress, warnings, detection summary (stderr). */
  err(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour only on a TTY and never when NO_COLOR is set (https://no-color.org). */
export function useColor(io: CliIO, stream: 'out' | 'err' = 'out'): boolean {
  const tty = stream === 'out' ? io.stdoutIsTTY : io.stderrIsTTY;
  const noColor = io.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  if (io.env['FORCE_COLOR'] !== undefined && io.env['FORCE_COLOR'] !== '0') return true;
  return tty;
}
