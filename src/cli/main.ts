import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, UsageError, exitCodeFor } from '../errors.js';
import { processIO, type CliIO } from './io.js';
import type { CommandSpec } from './command.js';
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

/** yargs' "Not enough non-option arguments" said in the command's words, with its usage. */
function missingPositional(msg: string, entry: CommandEntry | undefined): string | null {
  if (!entry || !/^Not enough non-option arguments/.test(msg)) return null;
  const missing = entry.command.match(/<\w+>/g)?.join(' ') ?? 'an argument';
  return `missing ${missing}: edge-profile ${entry.command} [options]\nRun 'edge-profile ${commandName(entry)} --help' for usage.`;
}

/** Thrown by the chosen command's yargs handler with the parsed, validated arguments. */
class Parsed {
  constructor(readonly argv: Record<string, unknown>) {}
}

/**
 * Parses and validates the arguments with yargs. Returns the command to run and its arguments,
 * or null when yargs printed help or the version (written to `io.out`). Usage errors throw.
 */
async function parse(args: string[], io: CliIO): Promise<{ spec: CommandSpec; argv: Record<string, unknown> } | null> {
  // Only the chosen command's module is loaded; the others are registered by name and
  // description, all that `edge-profile --help` shows of them.
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
      if (err) throw err;
      throw new UsageError(missingPositional(msg, chosen) ?? `${msg}\nRun 'edge-profile --help' for usage.`);
    });
  // The handler throws the parsed arguments out of yargs, and the command runs after parsing:
  // once a (non-default) command's handler returns, yargs renders and caches that command's
  // whole help text (lib/command.js, cacheHelpMessage; no setting turns it off) — measured at
  // ~18% of `report`'s start-up. A synchronous throw leaves before that line.
  const leave = (argv: Record<string, unknown>): never => {
    throw new Parsed(argv);
  };
  for (const c of commands) {
    if (c === chosen && spec) parser.command(c.command, c.describe, spec.builder, leave);
    else parser.command(c.command, c.describe);
  }
  let helpText = '';
  try {
    await parser.parseAsync(args, {}, (_err, _argv, output) => {
      helpText = output;
    });
  } catch (err) {
    if (err instanceof Parsed && spec) return { spec, argv: err.argv };
    throw err;
  }
  if (helpText) {
    io.out(helpText.endsWith('\n') ? helpText : helpText + '\n');
    return null;
  }
  // A command registered by name only matched: chosenCommand and yargs disagree.
  throw new Error(`yargs ran no loaded command for: ${args.join(' ')}`);
}

/** Runs the CLI with the given arguments; returns the exit code. Never throws. */
export async function main(args: string[], io: CliIO): Promise<number> {
  try {
    const chosen = await parse(args, io);
    return chosen ? await chosen.spec.run(chosen.argv, io) : EXIT.ok;
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
