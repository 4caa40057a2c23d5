import type { ApolloServerPlugin } from '@apollo/server';
import { bearerClaims } from '../bearer-claims';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VerifiedAccessTokens } from '@tenantry/auth';
import { replyError } from '@tenantry/federation';
import { addressKey } from './rate-limit-charges';
import type { RateLimitedContext } from './rate-limits.plugin';
import type { RateLimitStore, Refusal } from './rate-limit-store';

/** Answer codes that count against the `refused.*` budgets: documents the gateway parsed only to refuse. */
const REFUSED_CODES: ReadonlySet<string> = new Set(['QUERY_TOO_COMPLEX']);

function refuse(reply: FastifyReply, request: FastifyRequest, { retryAfterSeconds }: Refusal): FastifyReply {
  // Discarded unread: the refusal costs no body read and no parse.
  request.raw.resume();
  return replyError(
    reply.header('retry-after', String(retryAfterSeconds)),
    429,
    'RATE_LIMITED',
    `Too many requests; try again in ${retryAfterSeconds} seconds.`,
    {
      retryAfterSeconds,
    },
  );
}

/**
 * Request budgets at the door of /graphql (README: Rate limits), checked in Fastify's onRequest,
 * before the body is read: anonymous requests take one point of `anonymous.ip`, and a caller whose
 * `refused.*` budget is spent (documents refused as QUERY_TOO_COMPLEX, counted by `plugin`) gets
 * 429 RATE_LIMITED until its window ends. A signed-in user is keyed by their id, never by address,
 * so an attacker behind the same address cannot throttle them.
 */
export function requestBudgets(store: RateLimitStore, accessTokens: VerifiedAccessTokens) {
  return {
    async onRequest(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
      if (request.url.split('?')[0] !== '/graphql' || request.method === 'OPTIONS') return undefined;
      const claims = await bearerClaims(request.raw, accessTokens);
      if (claims) {
        const spent = await store.spent('refused.user', claims.userId);
        return spent ? refuse(reply, request, spent) : undefined;
      }
      // Anonymous, or a token that does not verify (authentication refuses it next): either way the address pays.
      const ip = addressKey(request.ip);
      const refusal = (await store.spent('refused.ip', ip)) ?? (await store.consume([{ rule: 'anonymous.ip', key: ip, points: 1 }]));
      return refusal ? refuse(reply, request, refusal) : undefined;
    },

    /** Counts each answer refused as QUERY_TOO_COMPLEX against the caller's `refused.*` budget. */
    plugin(): ApolloServerPlugin<RateLimitedContext> {
      return {
        async requestDidStart() {
          return {
            async willSendResponse({ response, contextValue }) {
              if (response.body.kind !== 'single') return;
              const refused = (response.body.singleResult.errors ?? []).some((error) => REFUSED_CODES.has(String(error.extensions?.code)));
              if (!refused) return;
              const { principal, clientIp } = contextValue;
              if (principal.kind === 'user') await store.penalise('refused.user', principal.userId, 1);
              else await store.penalise('refused.ip', addressKey(clientIp ?? 'unknown'), 1);
            },
          };
        },
      };
    },
  };
}
