import type { UserPrincipal } from '@tenantry/auth';

/** A signed-in principal for tests that need one without a database: an OPERATOR of o1 in account a1, as `overrides` change it. */
export function testUserPrincipal(overrides: Partial<UserPrincipal> = {}): UserPrincipal {
  return {
    kind: 'user',
    userId: 'u1',
    sessionId: 's1',
    accountId: 'a1',
    homeOrganisationId: 'o1',
    organisationId: 'o1',
    roleKey: 'OPERATOR',
    permissions: ['users.read'],
    isAccountOwner: false,
    grantedOrganisationIds: [],
    managesCustomers: false,
    ...overrides,
  };
}
