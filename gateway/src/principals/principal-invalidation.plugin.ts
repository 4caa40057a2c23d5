import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { PrincipalEffects } from './principal-effects';
import type { PrincipalCache } from './principal-cache';
import type { PrincipalInvalidations } from './principal-invalidations';

/**
 * Before a mutation that ran is answered (whatever its outcome, partial errors included), every
 * gateway forgets the principals it may have changed: the caller's whole account (a signed-in write
 * cannot reach past its account), the users the users subgraph named, and, when later root fields
 * ran as a session adopted during it, that session's account. A mutation refused before it ran
 * (rate limits, query limits, a password change required) changed nothing and invalidates nothing.
 * A session the operation's only root field established is kept.
 */
export function principalInvalidationPlugin<TContext extends { principalEffects?: PrincipalEffects }>(
  cache: PrincipalCache,
  invalidations: PrincipalInvalidations,
  onInvalidation: () => void,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let ran = false;
      return {
        async executionDidStart() {
          ran = true;
        },
        async willSendResponse({ contextValue, operation }) {
          const effects = contextValue.principalEffects;
          if (!effects || !cache.enabled) return;
          const selections = operation?.selectionSet.selections ?? [];
          // A fragment at the root may hold any number of fields: only a lone field is one.
          const loneField = selections.length === 1 && selections[0].kind === Kind.FIELD;
          const accountIds = new Set<string>();
          if (ran && operation?.operation === 'mutation') {
            if (effects.caller) accountIds.add(effects.caller.accountId);
            // Later fields ran as the adopted principal and may have changed it after the users subgraph resolved it.
            if (effects.adopted && !loneField) accountIds.add(effects.adopted.accountId);
          }
          const keepAdopted = effects.adopted && loneField && cache.generation === effects.generation;
          let generation = effects.generation;
          if (accountIds.size || effects.changedUserIds.size) {
            onInvalidation();
            await invalidations.publish({ accountIds: [...accountIds], userIds: [...effects.changedUserIds] });
            // Publishing moves the generation by exactly one: any more means another invalidation came in meanwhile.
            generation += 1;
          }
          if (keepAdopted && effects.adopted) cache.keep(effects.adopted, generation);
        },
      };
    },
  };
}
