import { DEFAULT_RATE_LIMITS } from '@tenantry/config';

/**
 * RATE_LIMITS for end-to-end suites: every suite sends hundreds of mutations and logins from
 * 127.0.0.1 within a minute, so each budget is raised (the limits still run on every request).
 * Suites about rate limits pass their own.
 */
export const GENEROUS_TEST_RATE_LIMITS = Object.entries(DEFAULT_RATE_LIMITS)
  .map(([rule, { durationSeconds }]) => `${rule}=100000/${durationSeconds}s`)
  .join(',');
