import DataLoader from 'dataloader';
import type { OrganisationVisibilityCheck, UserPrincipal } from '@tenantry/auth';
import { graphqlError } from '@tenantry/auth';
import type { EntityManager } from '@tenantry/database';
import { OrganisationRecord } from '../organisation/organisation.entity';

/** Whom a visibility rule is about: a principal, or a user as their principal would describe them. */
export type VisibilitySubject = Pick<UserPrincipal, 'accountId' | 'homeOrganisationId' | 'isAccountOwner' | 'grantedOrganisationIds' | 'managesCustomers'>;

/** A piece of SQL with its named parameters, to put into a query builder's `where`. */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The one definition of who sees which organisation (docs/architecture.md#visibility), as a
 * condition on the organisations table aliased `alias`: the whole account for its owner; else the
 * home organisation, the ones the owner granted, and, with customers.manage, the customers the
 * home organisation manages. Each branch is served by an index (primary key, account, managing
 * organisation), so the cost does not grow with the account. `prefix` keeps parameter names apart
 * when two conditions meet in one query.
 */
export function visibleOrganisationCondition(subject: VisibilitySubject, alias = 'o', prefix = 'visibility'): SqlCondition {
  if (subject.isAccountOwner) return { sql: `${alias}.account_id = :${prefix}Account`, params: { [`${prefix}Account`]: subject.accountId } };
  const params: Record<string, unknown> = { [`${prefix}Ids`]: [subject.homeOrganisationId, ...subject.grantedOrganisationIds] };
  const branches = [`${alias}.id IN (:...${prefix}Ids)`];
  if (subject.managesCustomers) {
    // IS NOT NULL keeps the condition true or false, never NULL, so NOT (…) means "not visible".
    branches.push(`(${alias}.managing_organisation_id IS NOT NULL AND ${alias}.managing_organisation_id = :${prefix}Home)`);
    params[`${prefix}Home`] = subject.homeOrganisationId;
  }
  return { sql: `(${branches.join(' OR ')})`, params };
}

/**
 * The same rule for another module's table, as a condition on its organisation column. Correlated
 * (EXISTS … WHERE id = column), so the database probes the primary key for each candidate row
 * instead of listing every visible organisation: an `IN (SELECT …)` list of 10,000 customers cost
 * 2.7 ms per statement on SQLite, the probe 0.001 ms (docs/architecture.md#visibility).
 */
export function organisationColumnVisible(subject: VisibilitySubject, column: string, prefix = 'visibility'): SqlCondition {
  const condition = visibleOrganisationCondition(subject, 'visible_o', prefix);
  return { sql: `EXISTS (SELECT 1 FROM organisations visible_o WHERE visible_o.id = ${column} AND ${condition.sql})`, params: condition.params };
}

/** Organisations the subject may see, for queries that list them. */
export function visibleOrganisations(manager: EntityManager, subject: VisibilitySubject, alias = 'o') {
  const condition = visibleOrganisationCondition(subject, alias);
  return manager.getRepository(OrganisationRecord).createQueryBuilder(alias).where(condition.sql, condition.params);
}

/**
 * One request's answers to "may the caller see this organisation?": batched into one query per
 * tick and remembered for the request, so rules and services ask freely.
 */
export class OrganisationVisibility implements OrganisationVisibilityCheck {
  private readonly loader: DataLoader<string, OrganisationRecord | null>;

  constructor(
    private readonly manager: EntityManager,
    readonly subject: VisibilitySubject,
  ) {
    this.loader = new DataLoader(async (ids) => {
      const rows = await visibleOrganisations(manager, subject)
        .andWhere('o.id IN (:...ids)', { ids: [...new Set(ids)] })
        .getMany();
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  async canSee(organisationId: string): Promise<boolean> {
    return (await this.loader.load(organisationId)) !== null;
  }

  /** The organisation if the caller may see it, else null, exactly as for a missing id. */
  load(organisationId: string): Promise<OrganisationRecord | null> {
    return this.loader.load(organisationId);
  }

  /** The organisation, or NOT_FOUND with the same message for a foreign id as for a missing one. */
  async find(organisationId: string): Promise<OrganisationRecord> {
    const organisation = await this.loader.load(organisationId);
    if (!organisation) throw graphqlError('NOT_FOUND', 'Organisation not found.');
    return organisation;
  }

  /** Forgets earlier answers: after this request created or moved organisations. */
  forget(): void {
    this.loader.clearAll();
  }
}

/** How many organisations `subject` sees that `other` does not: zero when `other` sees all that `subject` does. */
export function countOrganisationsSeenOnlyBy(manager: EntityManager, subject: VisibilitySubject, other: VisibilitySubject): Promise<number> {
  const subjectSees = visibleOrganisationCondition(subject, 'o', 'subject');
  const otherSees = visibleOrganisationCondition(other, 'o', 'other');
  return manager
    .getRepository(OrganisationRecord)
    .createQueryBuilder('o')
    .where(subjectSees.sql, subjectSees.params)
    .andWhere(`NOT ${otherSees.sql}`, otherSees.params)
    .getCount();
}

/**
 * An organisation the principal may see, else NOT_FOUND with the same message for a foreign id
 * as for a missing one: every subgraph's write paths start here.
 */
export async function findVisibleOrganisation(manager: EntityManager, principal: VisibilitySubject, id: string): Promise<OrganisationRecord> {
  const organisation = await visibleOrganisations(manager, principal).andWhere('o.id = :id', { id }).getOne();
  if (!organisation) throw graphqlError('NOT_FOUND', 'Organisation not found.');
  return organisation;
}
