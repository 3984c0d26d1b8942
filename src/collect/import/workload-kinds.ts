// Which objects hold a pod spec, and where: shared by the manifest importer and shrink's editor. Pure.
import type { Path } from './yaml-objects.js';

const KNATIVE_GROUP = 'serving.knative.dev/';
/** A Knative Service, told apart from a core Service. */
export const KNATIVE_KIND = 'Service.serving.knative.dev';

/** Where each workload kind keeps its pod template spec (a Pod's own spec is the pod spec). */
export const TEMPLATE_SPEC: Readonly<Record<string, Path>> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  [KNATIVE_KIND]: ['spec', 'template', 'spec'],
};

/** The kind, with a Knative Service named KNATIVE_KIND. */
export function workloadKind(apiVersion: string, kind: string): string {
  return kind === 'Service' && apiVersion.startsWith(KNATIVE_GROUP) ? KNATIVE_KIND : kind;
}

/** The path of the pod spec in an object of this apiVersion and kind, or null when it has none. */
export function podSpecPath(apiVersion: string, kind: string): Path | null {
  if (kind === 'Pod') return ['spec'];
  return TEMPLATE_SPEC[workloadKind(apiVersion, kind)] ?? null;
}
