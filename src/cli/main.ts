import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, UsageError, exitCodeFor } from '../errors.js';
import { processIO, type CliIO } from './io.js';
import type { CommandSpec } from './command.js';
import { commands } from './commands/index.js';

const EPILOG = `Exit codes: 0 ok, 1 a threshold you set was crossed (--fail-on, --require-fit),
2 usage error, 3 cluster/API unreachable or refused, 4 bad input (unreadable, malformed,
unknown schema version).

Results go to stdout; progress, warnings and what each input file was recognised as go to
stderr. Colour only on a terminal; NO_COLOR turns it off.`;

/** yargs' "Not enough non-option arguments" said in the command's words, with its usage. */
function missingPositional(msg: string, name: string | undefined): string | null {
  const spec = (commands as CommandSpec[]).find((c) => c.command.split(' ')[0] === name);
  if (!spec || !/^Not enough non-option arguments/.test(msg)) return null;
  const missing = spec.command.match(/<\w+>/g)?.join(' ') ?? 'an argument';
  return `missing ${missing}: edge-profile ${spec.command} [options]\nRun 'edge-profile ${name} --help' for usage.`;
}

/** Runs the CLI with the given arguments; returns the exit code. Never throws. */
export async function main(args: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const parser = yargs(args)
    .scriptName('edge-profile')
    .usage('$0 <command> [options]\n\nHow big a Kubernetes node must be to run your stack, and how far its requests and limits can be cut to fit an edge node.')
    .strict()
    .demandCommand(1, 'Name a command: snapshot, report, compare or shrink.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .epilog(EPILOG)
    .exitProcess(false)
    // Throwing here stops yargs before any command handler runs.
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(missingPositional(msg, args[0]) ?? `${msg}\nRun 'edge-profile --help' for usage.`);
    });
  for (const spec of commands as CommandSpec[]) {
    parser.command(spec.command, spec.describe, spec.builder, async (argv) => {
      exitCode = await spec.run(argv as Record<string, unknown>, io);
    });
  }
  try {
    let helpText = '';
    await parser.parseAsync(args, {}, (_err, _argv, output) => {
      helpText = output;
    });
    if (helpText) io.out(helpText.endsWith('\n') ? helpText : helpText + '\n');
    return exitCode;
  } catch (err) {
    const code = exitCodeFor(err);
    if (code !== null) {
      io.err(`error: ${(err as Error).message}\n`);
      return code;
    }
    io.err(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 70;
  }
}

// Run when executed directly (bundled entry or tsx), not when imported by tests.
const invokedAs = process.argv[1] ?? '';
if (/edge-profile(\.js)?$|main\.(ts|js)$/.test(invokedAs)) {
  const code = await main(hideBin(process.argv), processIO());
  process.exitCode = code;
}
