export function generateSnapshot(opts: { containers: number; takenAt?: string }): Record<string, unknown> & {
  pods: Array<{ containers: unknown[] }>;
};
