import type { DestinationStream } from 'pino';
import { pino } from 'pino';

/** Log lines are written once this many bytes wait (about ten access lines)... */
const LOG_CHUNK_BYTES = 4096;
/** ...or this long after the last write, so a quiet server's lines still show within a second. */
const LOG_FLUSH_MS = 1000;

let shared: DestinationStream | undefined;

/**
 * The one stdout destination of the process's loggers (docs/architecture.md#logging): lines
 * are written in chunks rather than one write per line, which was ~4 % of a busy gateway's CPU.
 * pino flushes it when the process exits; a process killed outright loses the lines of its last second at most.
 */
export function logDestination(): DestinationStream {
  shared ??= pino.destination({ dest: 1, sync: false, minLength: LOG_CHUNK_BYTES, periodicFlush: LOG_FLUSH_MS });
  return shared;
}
