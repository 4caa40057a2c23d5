import type { EntityManager } from '@tenantry/database';
import { OrganisationRecord, nameNamespaceOf, visibleOrganisationCondition } from '@tenantry/organisations-module';
import type { UserPrincipal } from '@tenantry/auth';
import { graphqlError } from '@tenantry/auth';

/**
 * The one place organisation names are checked, on creation and renaming.
 *
 * A name is unique within its namespace: the account for DEFAULT and SUB organisations, the
 * managing organisation for customers (`nameNamespaceOf`, enforced by a unique index). A clash
 * must never reveal an organisation the caller cannot see, so only a caller who sees every
 * organisation of the namespace may choose a name in it; anybody else is refused with FORBIDDEN
 * whether or not the name is taken. In practice the owner names top-level organisations (a
 * sub-organisation's manager may change everything but its name), and whoever manages customers
 * names them, seeing all of them. Callers hold the account's lock, so check and write are one step.
 */
export async function assertNameAvailable(
  manager: EntityManager,
  principal: UserPrincipal,
  organisation: Pick<OrganisationRecord, 'kind' | 'accountId' | 'managingOrganisationId'>,
  name: string,
): Promise<void> {
  const nameNamespace = nameNamespaceOf(organisation);
  if (!(await seesWholeNamespace(manager, principal, organisation.accountId, nameNamespace))) {
    throw graphqlError('FORBIDDEN', 'Only someone who sees every organisation this name must differ from may choose it; ask the account owner.');
  }
  if (await manager.existsBy(OrganisationRecord, { nameNamespace, name })) {
    throw graphqlError('BAD_USER_INPUT', 'An organisation with that name already exists here.', { field: 'name' });
  }
}

async function seesWholeNamespace(manager: EntityManager, principal: UserPrincipal, accountId: string, nameNamespace: string): Promise<boolean> {
  // The owner sees the whole account; the count below would list it in full for nothing.
  if (principal.isAccountOwner && principal.accountId === accountId) return true;
  const visible = visibleOrganisationCondition(principal);
  const hidden = await manager
    .createQueryBuilder(OrganisationRecord, 'o')
    .where('o.name_namespace = :nameNamespace', { nameNamespace })
    .andWhere(`NOT ${visible.sql}`, visible.params)
    .getCount();
  return hidden === 0;
}
