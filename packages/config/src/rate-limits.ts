import { isIP } from 'node:net';
import { z } from 'zod';

/** A budget: at most `points` counted actions per key within `durationSeconds` from the first. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

/**
 * The gateway's rate limits by rule (README: Rate limits). A rule is `<what>.<key>`: `ip` is the
 * client address, `username` the normalised name a request names, `user` the signed-in user.
 */
export const DEFAULT_RATE_LIMITS = {
  'login.username': { points: 10, durationSeconds: 60 },
  'login.ip': { points: 30, durationSeconds: 60 },
  'refresh.ip': { points: 60, durationSeconds: 60 },
  'resetMail.username': { points: 3, durationSeconds: 3600 },
  'resetMail.ip': { points: 20, durationSeconds: 3600 },
  'link.ip': { points: 60, durationSeconds: 900 },
  'totp.user': { points: 10, durationSeconds: 60 },
  'totp.ip': { points: 30, durationSeconds: 60 },
  'usernameTaken.user': { points: 20, durationSeconds: 3600 },
  'usernameTaken.ip': { points: 20, durationSeconds: 3600 },
  'mutations.ip': { points: 120, durationSeconds: 60 },
  'anonymous.ip': { points: 60, durationSeconds: 10 },
  'refused.ip': { points: 10, durationSeconds: 60 },
  'refused.user': { points: 10, durationSeconds: 60 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitRule = keyof typeof DEFAULT_RATE_LIMITS;
export type RateLimitTable = Record<RateLimitRule, RateLimit>;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };
const OVERRIDE = /^([A-Za-z]+\.[A-Za-z]+)=(\d{1,9})\/(\d{1,6})([smh])$/;

/**
 * RATE_LIMITS: comma-separated overrides of DEFAULT_RATE_LIMITS, `<rule>=<points>/<duration>`
 * with the duration in s, m or h (`login.ip=100/1m,resetMail.username=5/1h`); unnamed rules keep their default.
 */
export const rateLimitOverrides = z
  .string()
  .transform((value, context): RateLimitTable => {
    const table: RateLimitTable = { ...DEFAULT_RATE_LIMITS };
    for (const entry of value.split(',').map((part) => part.trim())) {
      if (entry === '') continue;
      const match = OVERRIDE.exec(entry);
      if (!match || !(match[1] in DEFAULT_RATE_LIMITS) || Number(match[2]) < 1 || Number(match[3]) < 1) {
        context.addIssue({
          code: 'custom',
          message: `has "${entry}"; write <rule>=<points>/<duration> such as login.ip=100/1m, with a rule among ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')}`,
        });
        return z.NEVER;
      }
      table[match[1] as RateLimitRule] = { points: Number(match[2]), durationSeconds: Number(match[3]) * UNIT_SECONDS[match[4]] };
    }
    return table;
  })
  .default({ ...DEFAULT_RATE_LIMITS });

/** Fastify's trustProxy: `true`, a number of proxy hops, or the proxies' addresses or CIDR ranges. */
export type TrustProxy = boolean | number | string[];

/**
 * TRUST_PROXY: whom to believe about the client's address in `x-forwarded-for`. Unset (the default)
 * believes nobody, so a client cannot pick the address its rate limits are counted under.
 */
export const trustProxy = z
  .string()
  .transform((value, context): TrustProxy => {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const addresses = value.split(',').map((part) => part.trim());
    if (addresses.every((address) => isIP(address.split('/')[0]) !== 0)) return addresses;
    context.addIssue({ code: 'custom', message: 'must be true, a number of proxy hops, or comma-separated proxy addresses or CIDR ranges' });
    return z.NEVER;
  })
  .optional();
