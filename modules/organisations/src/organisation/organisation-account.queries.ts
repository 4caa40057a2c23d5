import type { EntityManager } from '@tenantry/database';
import { AccountRecord } from '../account/account.entity';
import { OrganisationRecord } from './organisation.entity';

/** The account an organisation belongs to, and who owns it: what decides whether a user of it may be administered. */
export interface OrganisationAccount {
  accountId: string;
  ownerUserId: string | null;
}

/** The account of the organisation, or null when there is no such organisation. */
export async function findOrganisationAccount(manager: EntityManager, organisationId: string): Promise<OrganisationAccount | null> {
  const row = await manager
    .createQueryBuilder(OrganisationRecord, 'o')
    .innerJoin(AccountRecord, 'a', 'a.id = o.account_id')
    .select(['o.account_id AS accountId', 'a.owner_user_id AS ownerUserId'])
    .where('o.id = :organisationId', { organisationId })
    .getRawOne<OrganisationAccount>();
  return row ? { accountId: row.accountId, ownerUserId: row.ownerUserId } : null;
}
