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
  /** Organisations a read under this rule returned rows of in this request: seen without asking again. */
  private readonly shown = new Set<string>();

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
    return this.shown.has(organisationId) || (await this.loader.load(organisationId)) !== null;
  }

  /**
   * Notes organisations that rows read under visibleOrganisationCondition or organisationColumnVisible
   * with this subject belong to: the rule itself let them through, so the request's later checks and
   * shield rules need no statement of their own for them (docs/architecture.md#visibility).
   */
  noteShown(organisationIds: Iterable<string>): void {
    for (const id of organisationIds) this.shown.add(id);
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
    this.shown.clear();
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

/** Where a keyset page starts: after the organisation created at `key` with this id. */
export interface PageCursor {
  key: string;
  id: string;
}

/**
 * One page of the organisations the subject may see, oldest first (keyset by createdAt, id), and
 * how many there are. Each branch of the rule is read on its own, in the order of its index
 * (`ix_organisations_account_created`, `ix_organisations_managing_created`, the primary key), so a
 * page costs `size` rows however many customers the account holds; an OR of the branches made the
 * database sort every visible organisation for each page (2.5× slower at 10,000 customers on MariaDB).
 */
export async function pageOfVisibleOrganisations(
  manager: EntityManager,
  subject: VisibilitySubject,
  size: number,
  cursor: PageCursor | null,
): Promise<{ rows: OrganisationRecord[]; totalCount: number }> {
  const branch = (where: string, params: Record<string, unknown>) => manager.getRepository(OrganisationRecord).createQueryBuilder('o').where(where, params);
  const page = (where: string, params: Record<string, unknown>) => {
    const query = branch(where, params)
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .take(size + 1);
    if (cursor) query.andWhere('(o.created_at > :key OR (o.created_at = :key AND o.id > :id))', { key: new Date(cursor.key), id: cursor.id });
    return query.getMany();
  };
  if (subject.isAccountOwner) {
    const account = { accountId: subject.accountId };
    const [rows, totalCount] = await Promise.all([page('o.account_id = :accountId', account), branch('o.account_id = :accountId', account).getCount()]);
    return { rows, totalCount };
  }
  // Home and granted organisations: a handful, read whole; the managed customers: a page and a count.
  const own = await branch('o.id IN (:...ids)', { ids: [subject.homeOrganisationId, ...subject.grantedOrganisationIds] }).getMany();
  const managed = { home: subject.homeOrganisationId };
  const [customers, customerCount] = subject.managesCustomers
    ? await Promise.all([page('o.managing_organisation_id = :home', managed), branch('o.managing_organisation_id = :home', managed).getCount()])
    : [[], 0];
  const isCustomer = (organisation: OrganisationRecord) => subject.managesCustomers && organisation.managingOrganisationId === subject.homeOrganisationId;
  const after = (organisation: OrganisationRecord) =>
    !cursor ||
    organisation.createdAt.getTime() > new Date(cursor.key).getTime() ||
    (organisation.createdAt.getTime() === new Date(cursor.key).getTime() && organisation.id > cursor.id);
  const rows = [...own.filter((organisation) => !isCustomer(organisation) && after(organisation)), ...customers]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, size + 1);
  return { rows, totalCount: customerCount + own.filter((organisation) => !isCustomer(organisation)).length };
}
