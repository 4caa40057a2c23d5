import type { EntityManager } from '@tenantry/database';
import { In } from '@tenantry/database';
import { AccountRecord } from '../account/account.entity';
import type { SqlCondition } from '../visibility/organisation-visibility';
import { OrganisationKind, OrganisationRecord } from './organisation.entity';

/**
 * The organisation another module's row points at. Such a row references it with a foreign key,
 * so a missing one is a broken reference, not bad input: this throws and the transaction rolls back.
 */
export function organisationById(manager: EntityManager, organisationId: string): Promise<OrganisationRecord> {
  return manager.findOneByOrFail(OrganisationRecord, { id: organisationId });
}

/** Whether the organisation is a CUSTOMER one (docs/product.md#customers); a missing one is not. */
export function isCustomerOrganisation(manager: EntityManager, organisationId: string): Promise<boolean> {
  return manager.existsBy(OrganisationRecord, { id: organisationId, kind: OrganisationKind.CUSTOMER });
}

/** How many of these organisations belong to the account: fewer than asked means some id is foreign or missing. */
export function countOrganisationsInAccount(manager: EntityManager, accountId: string, organisationIds: string[]): Promise<number> {
  return manager.countBy(OrganisationRecord, { id: In(organisationIds), accountId });
}

/** The organisation, if it belongs to the account; one of any other account is no answer. */
export function findOrganisationInAccount(manager: EntityManager, accountId: string, organisationId: string): Promise<OrganisationRecord | null> {
  return manager.findOneBy(OrganisationRecord, { id: organisationId, accountId });
}

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

/**
 * Whether another module's organisation column names one of the account's organisations whose
 * users take seats: every one but its customers (docs/product.md#users-and-seats). A list of the account's
 * own organisations (`IN`), so a count starts from them rather than from every row of the table.
 */
export function organisationColumnTakesSeats(accountId: string, column: string): SqlCondition {
  return {
    sql: `${column} IN (SELECT seat_o.id FROM organisations seat_o WHERE seat_o.account_id = :seatAccount AND seat_o.kind <> :seatCustomer)`,
    params: { seatAccount: accountId, seatCustomer: OrganisationKind.CUSTOMER },
  };
}
