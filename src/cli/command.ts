import type { Argv } from 'yargs';
import type { CliIO } from './io.js';

/** One subcommand: its yargs wiring and a run function that returns the exit code. */
export interface CommandSpec {
  command: string;
  describe: string;
  builder: (y: Argv) => Argv;
  run: (argv: Record<string, unknown>, io: CliIO) => Promise<number>;
}
