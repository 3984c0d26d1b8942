import type { CommandSpec } from '../command.js';
import { compareCommand } from './compare.js';
import { reportCommand } from './report.js';
import { shrinkCommand } from './shrink.js';
import { snapshotCommand } from './snapshot.js';

// The order here is the order of `edge-profile --help`.
export const commands: CommandSpec[] = [snapshotCommand, reportCommand, compareCommand, shrinkCommand];
