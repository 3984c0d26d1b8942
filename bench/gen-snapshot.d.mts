export function generateSnapshot(opts: { containers: number; samples?: number; takenAt?: string }): Record<string, unknown> & {
  pods: Array<{ containers: unknown[] }>;
};
