/** What a process of the graph tells the launcher that started it once it is ready to serve. */
export interface ReadyMessage {
  type: 'tenantry:ready';
  /** The port it listens on; none for the mail worker. */
  port?: number;
}

export function isReadyMessage(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && (message as ReadyMessage).type === 'tenantry:ready';
}

/** Tells the launcher (over the IPC channel it opened) that this process is ready; a no-op when started alone. */
export function reportReady(port?: number): void {
  const message: ReadyMessage = { type: 'tenantry:ready', port };
  process.send?.(message);
}

/**
 * Runs `stop` once, then exits, on SIGINT, SIGTERM, or when the launcher that started this
 * process goes away (its IPC channel closes), so no part of the graph outlives its launcher.
 */
export function stopWhenTold(stop: () => Promise<void>): void {
  let stopping = false;
  const once = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error) => {
        console.error('stopping failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', once);
  process.once('SIGTERM', once);
  if (process.connected) process.once('disconnect', once);
}

/** The V8 flags each server runs with, on its command line (docs/architecture.md: V8 flags). */
export const NODE_FLAGS = {
  gateway: ['--heap-growing-percent=30'],
  subgraph: ['--max-semi-space-size=32'],
} as const satisfies Record<string, readonly string[]>;
