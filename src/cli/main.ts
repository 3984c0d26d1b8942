import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, UsageError, exitCodeFor } from '../errors.js';
import { processIO, type CliIO } from './io.js';
import { commandName, commands, type CommandEntry } from './commands/index.js';

const EPILOG = `Exit codes: 0 ok, 1 a threshold you set was crossed (--fail-on, --require-fit),
2 usage error, 3 cluster/API unreachable or refused, 4 bad input (unreadable, malformed,
unknown schema version).

Results go to stdout; progress, warnings and what each input file was recognised as go to
stderr. Colour only on a terminal; NO_COLOR turns it off.`;

/**
 * The command the arguments name: their first word that is not an option (the top-level options,
 * --help and --version, take no value), as yargs picks it.
 */
function chosenCommand(args: string[]): CommandEntry | undefined {
  const first = args.find((a) => !a.startsWith('-'));
  return commands.find((c) => commandName(c) === first);
}

/** Runs the CLI with the given arguments; returns the exit code. Never throws. */
export async function main(args: string[], io: CliIO): Promise<number> {
  try {
    // Only the chosen command's module is loaded; the others are registered by name and
    // description, all `edge-profile --help` shows of them.
    const chosen = chosenCommand(args);
    const spec = chosen ? await chosen.load() : null;
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
      // Throwing here stops yargs before any command runs.
      .fail((msg, err) => {
        throw err ?? new UsageError(`${msg}\nRun 'edge-profile --help' for usage.`);
      });
    // No yargs handler: the command runs below, after parsing. yargs renders and caches the whole
    // help text after every command handler it calls (lib/command.js, cacheHelpMessage; no
    // setting turns it off), which was ~18% of `report`'s start-up.
    for (const c of commands) {
      if (c === chosen && spec) parser.command(c.command, c.describe, spec.builder);
      else parser.command(c.command, c.describe);
    }
    let helpText = '';
    const argv = await parser.parseAsync(args, {}, (_err, _argv, output) => {
      helpText = output;
    });
    if (helpText) {
      io.out(helpText.endsWith('\n') ? helpText : helpText + '\n');
      return EXIT.ok;
    }
    if (!spec || argv._[0] !== commandName(chosen!)) {
      throw new Error(`yargs chose command ${JSON.stringify(argv._[0])}, not the one loaded (${chosen ? commandName(chosen) : 'none'})`);
    }
    return await spec.run(argv as Record<string, unknown>, io);
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
