// The fast path for metrics-server's forms must give exactly what the general parser gives.
import { expect, test } from 'vitest';
import { exactUsage } from '../../src/collect/kube/usage.js';
import { parseQuantity } from '../../src/quantity.js';

test.each(['0n', '1n', '12345678n', '999999999999999n', '1500u', '250m', '2', '10240Ki', '0Ki', '1Mi', '999999999999999Ki', '1.5', '12e3', '0.5Gi', '1000000000000000n'])(
  '%s',
  (q) => {
    const notes: never[] = [];
    const u = exactUsage({ cpu: q, memory: q }, 'x', notes);
    expect(u.cpuNanos).toBe(parseQuantity(q).nanos);
    expect(u.memoryNanos).toBe(parseQuantity(q).nanos);
  },
);

test('a malformed usage is null with a note', () => {
  const notes: Array<{ code: string }> = [];
  expect(exactUsage({ cpu: '12x', memory: '1Ki' }, 'metrics of pod a/b', notes as never)).toEqual({ cpuNanos: null, memoryNanos: 1_024_000_000_000n });
  expect(notes.map((n) => n.code)).toEqual(['live.bad-quantity']);
});
