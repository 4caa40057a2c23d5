import type { UserPrincipal } from '@tenantry/auth';

/** What an operation did to principals, gathered while it runs and acted on before it is answered (principal-invalidation.plugin.ts). */
export interface PrincipalEffects {
  /** Who sent it: a signed-in caller's mutations can change the principals of their account only (tenant walls). */
  caller?: UserPrincipal;
  /** The cache's generation when the operation began: a session adopted is kept only if nothing was invalidated since. */
  generation: number;
  /** Users the users subgraph says it changed the principal of (PRINCIPAL_CHANGES_EXTENSION), anonymous mutations included. */
  changedUserIds: Set<string>;
  /** The principal of a session a mutation established (login, activation, refresh, switch), as the users subgraph resolved it. */
  adopted?: UserPrincipal;
}

export function principalEffects(caller: UserPrincipal | undefined, generation: number): PrincipalEffects {
  return { caller, generation, changedUserIds: new Set() };
}
