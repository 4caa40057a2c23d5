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
  permissions: readonly string[];
  /** The owner sees every organisation of the account. */
  isAccountOwner: boolean;
  /** Organisations of the account the owner granted this user besides their own (promotions). */
  grantedOrganisationIds: readonly string[];
  /** The role holds customers.manage: the user also sees the customers their home organisation manages. */
  managesCustomers: boolean;
  /**
   * The password was set by an administrator and not changed yet: the gateway lets the user do
   * nothing but change it (docs/product.md#onboarding-policy). Absent means false.
   */
  passwordChangeRequired?: boolean;
}

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export type Principal = UserPrincipal | AnonymousPrincipal;

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous' };

/** The signed-in user, or UNAUTHENTICATED: for services that make no sense to anonymous callers. */
export function requireUser(principal: Principal): UserPrincipal {
  if (principal.kind !== 'user') throw graphqlError('UNAUTHENTICATED', 'Sign in first.');
  return principal;
}
