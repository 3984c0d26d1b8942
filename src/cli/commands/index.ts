// The thin registration of the commands: what `edge-profile --help` lists, and how to load one.
// A command's module (its flags, run function and everything they import) is loaded only when
// that command runs or its --help is asked for, so `report` does not parse shrink's or the live
// collector's code (a split chunk each, see build.mjs).
import type { CommandSpec } from '../command.js';

export interface CommandEntry {
  /** The yargs command string: the name, then its positionals. */
  command: string;
  describe: string;
  load: () => Promise<CommandSpec>;
}

// The order here is the order of `edge-profile --help`.
export const commands: CommandEntry[] = [
  {
    command: 'snapshot',
    describe: 'Take a snapshot of pods, nodes and host from captured text/manifests (--from) or the live cluster',
    load: async () => (await import('./snapshot.js')).snapshotCommand,
  },
  {
    command: 'report <snapshot>',
    describe: 'Size a node for a snapshot: totals, usage, layers, fit, minimum node and reduction factor',
    load: async () => (await import('./report.js')).reportCommand,
  },
  {
    command: 'compare <baseline> [current]',
    describe: 'What changed against a baseline snapshot; --fail-on makes it a CI gate',
    load: async () => (await import('./compare.js')).compareCommand,
  },
  {
    command: 'shrink',
    describe: 'Write the manifests with requests and limits scaled by a factor (yaml or a kustomization)',
    load: async () => (await import('./shrink.js')).shrinkCommand,
  },
];

/** The command's name: the first word of its command string. */
export function commandName(entry: CommandEntry): string {
  return entry.command.split(' ')[0]!;
}
