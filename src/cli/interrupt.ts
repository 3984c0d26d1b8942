// Ctrl-C during live collection: the first stops sampling (the snapshot of what was taken is
// still written); the second exits at once with 130, as shells expect after SIGINT.
export interface Interrupts {
  signal: AbortSignal;
  dispose(): void;
}

export function onInterrupt(say: (text: string) => void): Interrupts {
  const controller = new AbortController();
  const handler = () => {
    if (!controller.signal.aborted) {
      say('\ninterrupted: stopping after the readings taken so far; press Ctrl-C again to quit without writing\n');
      controller.abort();
      return;
    }
    process.exit(130);
  };
  process.on('SIGINT', handler);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', handler) };
}
