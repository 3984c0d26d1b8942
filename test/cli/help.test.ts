// Every command's --help has the same parts: a usage line, examples, exit codes; and the example
// it gives on the bundled sample runs as written.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const COMMANDS = ['snapshot', 'report', 'compare', 'shrink'] as const;

describe('--help of every command', () => {
  it.each(COMMANDS)('%s: a usage line, examples and the exit codes', (command) => {
    const r = runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^edge-profile ${command} \\S`));
    expect(r.stdout).toContain('\nExamples:\n');
    expect(r.stdout).toMatch(/\nExit codes: 0 [^\n]*; 2 /);
    expect(r.stdout).not.toMatch(/\(s\)/);
  });

  it.each(COMMANDS)('%s: every option is described with a capital letter', (command) => {
    const r = runCli([command, '--help']);
    const options = r.stdout.split('\nOptions:\n')[1]!.split('\n\n')[0]!;
    for (const line of options.split('\n').filter((l) => /^\s+(-\w, )?--\S+ {2,}/.test(l))) {
      expect(line.replace(/^\s+(-\w, )?--\S+\s+/, '')).toMatch(/^[A-Z$]|^(manifests|yaml)\|/);
    }
  });

  it.each([
    ['snapshot', /^\{\n {2}"apiVersion": "edge-profile\/v1"/],
    ['shrink', /^### shrink: factor 0\.8 \(--factor\)/],
  ])('%s: the example on the bundled sample runs as written', (command, stdout) => {
    const help = runCli([command, '--help']).stdout;
    const line = help.split('\n').find((l) => l.startsWith(`  edge-profile ${command} `) && l.includes('samples/'));
    expect(line).toBeDefined();
    const r = runCli(line!.trim().split(/\s+/).slice(1));
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(stdout);
  });
});

describe('a missing argument', () => {
  it.each([
    ['report', "error: missing <snapshot>: edge-profile report <snapshot> [options]\nRun 'edge-profile report --help' for usage.\n"],
    ['compare', "error: missing <baseline>: edge-profile compare <baseline> [current] [options]\nRun 'edge-profile compare --help' for usage.\n"],
  ])('%s without its file names it and the command\'s help (exit 2)', (command, stderr) => {
    const r = runCli([command]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(stderr);
    expect(r.stdout).toBe('');
  });
});
