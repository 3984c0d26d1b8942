import type { CommandSpec } from '../command.js';
import { snapshotCommand } from './snapshot.js';
import { reportCommand } from './report.js';
import { compareCommand } from './compare.js';

// Each command registers itself here; see snapshot.ts, report.ts, compare.ts, shrink.ts.
export const commands: CommandSpec[] = [snapshotCommand, reportCommand, compareCommand];
