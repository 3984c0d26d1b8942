// The plain `kubectl get pods [-A] [-o wide]` table: phase, node and container count.
import { InputError } from '../../errors.js';
import { emptyR, note, type Note, type Pod } from '../../model/snapshot.js';
import { capturedPod } from './pod-name.js';
import { assumedNamespace, noResourcesNote, readTextTable, rowCells, where } from './text-table.js';
import type { ImportContext, ImportResult } from './types.js';
import { plural } from '../../text.js';

/**
 * STATUS → pod phase. kubectl prints the phase, or a more telling reason:
 * - Running, NotReady, Terminating, CrashLoopBackOff (the pod runs, a container restarts) → Running
 * - Completed → Succeeded; Succeeded → Succeeded
 * - Pending, ContainerCreating, PodInitializing, SchedulingGated, Init:…, image and config errors
 *   (ErrImagePull, ImagePullBackOff, CreateContainerConfigError, …) → Pending
 * - a terminated container's reason (Error, OOMKilled, ContainerCannotRun, ExitCode:N, Signal:N,
 *   DeadlineExceeded, Evicted, …) → Failed when RESTARTS is 0, else Running (the container is
 *   being restarted, which only happens in a pod that still runs); noted, since a restarting
 *   pod caught between restarts reads the same
 * - Unknown, NodeLost → Unknown; anything else → null with a note.
 */
export function phaseFromStatus(status: string, restarts: number | null): { phase: string | null; guessed: boolean } {
  if (['Running', 'NotReady', 'Terminating', 'CrashLoopBackOff'].includes(status)) return { phase: 'Running', guessed: false };
  if (status === 'Completed' || status === 'Succeeded') return { phase: 'Succeeded', guessed: false };
  if (status === 'Failed') return { phase: 'Failed', guessed: false };
  if (status === 'Unknown' || status === 'NodeLost') return { phase: 'Unknown', guessed: false };
  if (
    status.startsWith('Init:') ||
    [
      'Pending',
      'ContainerCreating',
      'PodInitializing',
      'SchedulingGated',
      'ErrImagePull',
      'ImagePullBackOff',
      'ErrImageNeverPull',
      'InvalidImageName',
      'CreateContainerConfigError',
      'CreateContainerError',
      'RunContainerError',
      'PreCreateHookError',
      'PostStartHookError',
    ].includes(status)
  ) {
    return { phase: 'Pending', guessed: false };
  }
  if (
    /^(ExitCode|Signal):-?\d+$/.test(status) ||
    ['Error', 'OOMKilled', 'ContainerCannotRun', 'DeadlineExceeded', 'Evicted', 'StartError', 'ContainerStatusUnknown', 'UnexpectedAdmissionError', 'OutOfcpu', 'OutOfmemory'].includes(status)
  ) {
    return { phase: restarts !== null && restarts > 0 ? 'Running' : 'Failed', guessed: true };
  }
  return { phase: null, guessed: false };
}

const REQUIRED = ['NAME', 'READY', 'STATUS'];

export function importKubectlGetPods(text: string, ctx: ImportContext): ImportResult {
  const t = readTextTable(text, ctx, 'no `kubectl get pods` table found (empty output)');
  const none = noResourcesNote(t, ctx);
  if (none) return { kind: 'kubectl get pods (0 pods)', pods: [], nodes: [], hosts: [], notes: [none] };
  const notes: Note[] = [];
  const { headers } = t;
  for (const h of REQUIRED) {
    if (!headers.includes(h)) throw new InputError(`not a \`kubectl get pods\` table: no ${h} column`, where(ctx, t.header.index));
  }
  const col = (h: string) => headers.indexOf(h);
  const namespace = col('NAMESPACE') < 0 ? assumedNamespace(t.command, ctx, notes) : null;
  const guessed: string[] = [];
  const pods: Pod[] = [];
  for (const line of t.rows) {
    const at = where(ctx, line.index);
    const cells = rowCells(line, headers, ctx);
    const get = (h: string) => (col(h) < 0 ? null : cells[col(h)]!);
    const pod = capturedPod(get('NAMESPACE') ?? namespace!, get('NAME')!);
    const ready = /^(\d+)\/(\d+)$/.exec(get('READY')!);
    if (!ready) throw new InputError(`malformed READY "${get('READY')}" (want n/m)`, at);
    const restartsText = get('RESTARTS');
    const restarts = restartsText === null ? null : parseRestarts(restartsText, at);
    const status = get('STATUS')!;
    const { phase, guessed: isGuess } = phaseFromStatus(status, restarts);
    pod.phase = phase;
    if (phase === null) notes.push(note('pod-status-unknown', 'info', `pod ${pod.name}: STATUS "${status}" does not tell the phase; left unknown`, at));
    if (isGuess) guessed.push(`${pod.name} (${status} → ${phase})`);
    const node = get('NODE');
    if (node !== null && node !== '<none>') pod.nodeName = node;
    pod.containers = Array.from({ length: Number(ready[2]) }, (_, k) => ({
      name: `#${k + 1}`,
      type: 'app' as const,
      requests: emptyR(),
      limits: emptyR(),
      usage: null,
    }));
    pods.push(pod);
  }
  if (guessed.length > 0) {
    notes.push(
      note(
        'pod-phase-guessed',
        'info',
        `phase read from a container's exit reason (Failed without restarts, Running with): ${guessed.join(', ')}`,
        ctx.origin,
      ),
    );
  }
  const wide = col('NODE') >= 0 ? ' -o wide' : '';
  return { kind: `kubectl get pods${wide} (${plural(pods.length, 'pod')})`, pods, nodes: [], hosts: [], notes };
}

/** "0", "3", "3 (2d ago)" → 3. */
function parseRestarts(text: string, at: string): number {
  const m = /^(\d+)(?:\s+\(.*\))?$/.exec(text);
  if (!m) throw new InputError(`malformed RESTARTS "${text}"`, at);
  return Number(m[1]);
}
