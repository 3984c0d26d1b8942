import type { Argv } from 'yargs';
import type { CliIO } from './io.js';

/**
 * One subcommand's module: its yargs wiring and a run function that returns the exit code. Its
 * name and one-line description are in the thin registration (commands/index.ts).
 */
export interface CommandSpec {
  builder: (y: Argv) => Argv;
  run: (argv: Record<string, unknown>, io: CliIO) => Promise<number>;
}
