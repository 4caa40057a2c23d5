import { randomBytes } from 'node:crypto';
import type { DataSource } from '@tenantry/database';
import { withTransaction } from '@tenantry/database';
import { OrganisationKind, hasAccountNamed, setAccountOwner } from '@tenantry/organisations-module';
import { replacePasswordsByUsername } from '@tenantry/users-module';
import { hashPassword } from '@tenantry/auth';
import { createAccount, createUserWithRole, provisionOrganisation } from '@tenantry/provisioning';

export const DEMO_USERNAMES = {
  owner: 'demo.owner',
  operator: 'demo.operator',
  customerAdministrator: 'demo.customer.admin',
} as const;

export interface DemoSeedResult {
  created: boolean;
  /** The demo password when this run set it (created or reset); unknown otherwise. */
  password?: string;
}

/**
 * Seeds account "Demo": owner, a sub-organisation with an operator, a customer organisation with
 * an administrator. Runs once; later runs only reset the password when one is given.
 */
export async function seedDemoData(dataSource: DataSource, password?: string): Promise<DemoSeedResult> {
  if (await hasAccountNamed(dataSource.manager, 'Demo')) {
    if (!password) return { created: false };
    const hash = await hashPassword(password);
    await withTransaction(dataSource, (manager) => replacePasswordsByUsername(manager, Object.values(DEMO_USERNAMES), hash));
    return { created: false, password };
  }
  const chosen = password ?? randomBytes(12).toString('base64url');
  await withTransaction(dataSource, async (manager) => {
    const { account, organisation } = await createAccount(manager, 'Demo', 50);
    const owner = await createUserWithRole(manager, {
      organisationId: organisation.id,
      username: DEMO_USERNAMES.owner,
      roleKey: 'OWNER',
      password: chosen,
      firstName: 'Dana',
      lastName: 'Owner',
    });
    await setAccountOwner(manager, account.id, owner.id);
    const { organisation: support } = await provisionOrganisation(manager, {
      accountId: account.id,
      kind: OrganisationKind.SUB,
      name: 'Demo Support',
      location: 'Berlin',
    });
    await createUserWithRole(manager, {
      organisationId: support.id,
      username: DEMO_USERNAMES.operator,
      roleKey: 'OPERATOR',
      password: chosen,
      firstName: 'Olli',
      lastName: 'Operator',
    });
    const { organisation: customer } = await provisionOrganisation(manager, {
      accountId: account.id,
      kind: OrganisationKind.CUSTOMER,
      name: 'Acme Customer',
      managingOrganisationId: organisation.id,
    });
    await createUserWithRole(manager, {
      organisationId: customer.id,
      username: DEMO_USERNAMES.customerAdministrator,
      roleKey: 'ADMINISTRATOR',
      password: chosen,
      firstName: 'Ada',
      lastName: 'Admin',
    });
  });
  return { created: true, password: chosen };
}
