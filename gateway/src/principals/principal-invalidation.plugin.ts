import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { PrincipalEffects } from './principal-effects';
import type { PrincipalCache } from './principal-cache';
import type { PrincipalInvalidations } from './principal-invalidations';

/**
 * Before a mutation is answered (whatever its outcome, partial errors included), every gateway
 * forgets the principals it may have changed: the caller's whole account (a signed-in write cannot
 * reach past its account), the account of a session adopted during it, and the users the users
 * subgraph named. Then a session the operation established is kept, when its only field established it.
 */
export function principalInvalidationPlugin<TContext extends { principalEffects?: PrincipalEffects }>(
  cache: PrincipalCache,
  invalidations: PrincipalInvalidations,
  onInvalidation: () => void,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation }) {
          const effects = contextValue.principalEffects;
          if (!effects || !cache.enabled) return;
          const accountIds = new Set<string>();
          if (operation?.operation === 'mutation') {
            if (effects.caller) accountIds.add(effects.caller.accountId);
            if (effects.adopted) accountIds.add(effects.adopted.accountId);
          }
          const fields = operation?.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD).length ?? 0;
          // Later fields ran as the adopted principal and may have changed it after the users subgraph resolved it.
          const keepAdopted = effects.adopted && fields === 1 && cache.generation === effects.generation;
          if (accountIds.size === 0 && effects.changedUserIds.size === 0) return;
          onInvalidation();
          await invalidations.publish({ accountIds: [...accountIds], userIds: [...effects.changedUserIds] });
          // Kept only if no other invalidation came in meanwhile: publishing moved the generation by exactly one.
          if (keepAdopted && effects.adopted) cache.keep(effects.adopted, effects.generation + 1);
        },
      };
    },
  };
}
