import { graphqlError } from './errors';

/** Who is asking, as resolved by the gateway from a verified access token. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  sessionId: string;
  accountId: string;
  /** The organisation the user belongs to, forever. */
  homeOrganisationId: string;
  /** The organisation the session acts in (home, or one switched to). */
  organisationId: string;
  /** Key of the role the user holds in their home organisation; it applies in every organisation they may see. */
  roleKey: string;
  /** Permission keys of that role. */
  permissions: string[];
  /** Every organisation the user may see: home, or for the owner and promoted users the granted ones. */
  visibleOrganisationIds: string[];
  isAccountOwner: boolean;
  /** The owner granted this user other organisations than their own. */
  isPromoted: boolean;
}

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export type Principal = UserPrincipal | AnonymousPrincipal;

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous' };

/** Organisations a principal may see; anonymous sees none. */
export function visibleOrganisations(principal: Principal): string[] {
  return principal.kind === 'user' ? principal.visibleOrganisationIds : [];
}

export function canSeeOrganisation(principal: Principal, organisationId: string): boolean {
  return visibleOrganisations(principal).includes(organisationId);
}

/** The signed-in user, or UNAUTHENTICATED: for services that make no sense to anonymous callers. */
export function requireUser(principal: Principal): UserPrincipal {
  if (principal.kind !== 'user') throw graphqlError('UNAUTHENTICATED', 'Sign in first.');
  return principal;
}
