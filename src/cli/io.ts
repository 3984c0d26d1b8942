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
  // The reader of stdout went away (`edge-profile report big.json | head`): there is nobody left
  // to tell, so stop quietly, as a shell pipeline expects. Any other failure to write the result
  // is one line and exit 4, like a file that cannot be written.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`edge-profile: cannot write the output: ${err.message}\n`);
    process.exit(4);
  });
  // stderr only carries progress and warnings: a closed one is not worth dying for.
  process.stderr.on('error', () => undefined);
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
