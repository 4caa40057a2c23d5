import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Principal } from '@tenantry/auth';
import type { Caller } from './rate-limit-charges';
import { addressKey, mutationCost } from './rate-limit-charges';
import type { RateLimitStore, Refusal } from './rate-limit-store';

/** What the plugin reads from the request's context. */
export interface RateLimitedContext {
  principal: Principal;
  /** The client address (Fastify's request.ip). */
  clientIp?: string;
}

/** The one error of a refused request: 429 with Retry-After, and the wait in the error for GraphQL clients. */
function rateLimitedError({ retryAfterSeconds }: Refusal): GraphQLError {
  return new GraphQLError(`Too many requests; try again in ${retryAfterSeconds} seconds.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/** Budgets of USERNAME_TAKEN answers, by what they are keyed on. */
function usernameTakenKeys(caller: Caller): { rule: 'usernameTaken.ip' | 'usernameTaken.user'; key: string }[] {
  return [{ rule: 'usernameTaken.ip', key: addressKey(caller.ip) }, ...(caller.userId ? [{ rule: 'usernameTaken.user' as const, key: caller.userId }] : [])];
}

/**
 * Rate limits on mutations (README: Rate limits). A validated mutation is priced by
 * mutationCost and refused, before the gateway plans it and so before any subgraph is called,
 * when a budget is spent. USERNAME_TAKEN answers are counted from the response: once a caller
 * has collected too many, mutations that create users are refused too.
 */
export function rateLimitsPlugin(store: RateLimitStore): ApolloServerPlugin<RateLimitedContext> {
  return {
    async requestDidStart() {
      let caller: Caller | null = null;
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation || operation.operation !== 'mutation') return;
          const { principal } = contextValue;
          caller = { ip: contextValue.clientIp ?? 'unknown', userId: principal.kind === 'user' ? principal.userId : undefined };
          const cost = mutationCost(document, operation, request.variables ?? {}, caller);
          const refusal = await store.consume(cost.charges);
          if (refusal) throw rateLimitedError(refusal);
          if (!cost.createsUsers) return;
          for (const { rule, key } of usernameTakenKeys(caller)) {
            const spent = await store.spent(rule, key);
            if (spent) throw rateLimitedError(spent);
          }
        },
        async willSendResponse({ response }) {
          if (!caller || response.body.kind !== 'single') return;
          const taken = (response.body.singleResult.errors ?? []).filter((error) => error.extensions?.code === 'USERNAME_TAKEN').length;
          if (taken === 0) return;
          await Promise.all(usernameTakenKeys(caller).map(({ rule, key }) => store.penalise(rule, key, taken)));
        },
      };
    },
  };
}
