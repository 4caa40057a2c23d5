import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { WorkSlots } from './work-slots';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const options = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * One argon2 computation per core at a time (docs/architecture.md#password-hashing), and never the
 * whole libuv pool: token checks and file work queue there too.
 */
const argon2Slots = new WorkSlots(Math.max(1, Math.min(availableParallelism(), (Number(process.env.UV_THREADPOOL_SIZE) || 4) - 1)));

/** Hashes a password as an argon2id PHC string. */
export function hashPassword(password: string): Promise<string> {
  return argon2Slots.run(() => hash(password, options));
}

const recentDurations: number[] = [];
let verificationCount = 0;

/** How many real password verifications this process ran (tests prove lockout stops hashing). */
export function passwordVerificationCount(): number {
  return verificationCount;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Checks a password against its argon2id hash; false for no hash or a malformed one. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    await waitLikeAVerification();
    return false;
  }
  verificationCount++;
  // Measured with the wait for a slot: a wait like a verification must last as long under load too.
  const started = performance.now();
  try {
    return await argon2Slots.run(() => verify(storedHash, password));
  } catch {
    return false;
  } finally {
    recentDurations.push(performance.now() - started);
    if (recentDurations.length > 31) recentDurations.shift();
  }
}

/**
 * Spends as long as a real verification takes (the median of recent ones) without hashing, so
 * unknown or locked users answer as slowly as a wrong password and a lockout stops hash work.
 */
export async function waitLikeAVerification(): Promise<void> {
  if (recentDurations.length === 0) {
    // First call of the process: calibrate once with a real verification.
    await verifyPassword(await hashPassword('calibration'), 'not it');
    return;
  }
  await sleep(median(recentDurations));
}
