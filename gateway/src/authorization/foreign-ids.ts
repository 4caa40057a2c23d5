import { RoleRecord } from '@tenantry/permissions-module';
import type { World } from './world';

/** An operation that takes ids, asked with a foreign account's id and with one that exists nowhere. */
export interface ForeignIdRow {
  name: string;
  document: string;
  /** Variables naming the thing; `id` is what gets swapped for a missing id. */
  variables: (world: World, id: string) => Record<string, unknown>;
  /** The foreign account's object of the right kind. */
  foreignId: (world: World) => string | Promise<string>;
}

const foreignOrganisation = (world: World) => world.foreign.defaultOrganisation.id;
const foreignUser = (world: World) => world.foreign.owner.id;
const foreignRole = async (world: World) =>
  (await world.dataSource.getRepository(RoleRecord).findOneByOrFail({ organisationId: world.foreign.defaultOrganisation.id, key: 'MANAGER' })).id;

const byOrganisation = (name: string, document: string): ForeignIdRow => ({
  name,
  document,
  variables: (_world, id) => ({ id }),
  foreignId: foreignOrganisation,
});
const byUser = (name: string, document: string): ForeignIdRow => ({ name, document, variables: (_world, id) => ({ id }), foreignId: foreignUser });

/** The queries and mutations that take the id of an organisation, a user or a role. */
export const FOREIGN_ID_ROWS: ForeignIdRow[] = [
  byOrganisation('organisation', 'query($id: ID!) { organisation(id: $id) { id } }'),
  byOrganisation('organisationDeletionPreview', 'query($id: ID!) { organisationDeletionPreview(id: $id) { operators } }'),
  byOrganisation('users', 'query($id: ID!) { users(organisationId: $id) { totalCount } }'),
  byOrganisation('invitations', 'query($id: ID!) { invitations(organisationId: $id) { totalCount } }'),
  byOrganisation('usersCsv', 'query($id: ID!) { usersCsv(organisationId: $id) }'),
  byOrganisation('auditEvents', 'query($id: ID!) { auditEvents(organisationId: $id) { totalCount } }'),
  byOrganisation('roles', 'query($id: ID!) { roles(organisationId: $id) { id } }'),
  byOrganisation('updateOrganisation', 'mutation($id: ID!) { updateOrganisation(id: $id, input: { location: "Nowhere" }) { id } }'),
  byOrganisation('deleteOrganisation', 'mutation($id: ID!) { deleteOrganisation(id: $id, confirmName: "Zeta") { deletedOrganisationId } }'),
  byOrganisation('switchOrganisation', 'mutation($id: ID!) { switchOrganisation(organisationId: $id) { accessToken } }'),
  {
    name: 'makeCustomerIndependent',
    document: 'mutation($id: ID!, $owner: ID!) { makeCustomerIndependent(organisationId: $id, ownerUserId: $owner) { id } }',
    variables: (world, id) => ({ id, owner: world.foreignCustomerAdministrator.id }),
    foreignId: (world) => world.foreignCustomer.id,
  },
  byUser('user', 'query($id: ID!) { user(id: $id) { id } }'),
  ...['suspendUser', 'restoreAccess', 'unlockUser', 'archiveUser', 'restoreUser'].map((field) =>
    byUser(field, `mutation($id: ID!) { ${field}(id: $id) { id } }`),
  ),
  byUser('deleteUser', 'mutation($id: ID!) { deleteUser(id: $id) }'),
  byUser('userDeletionPreview', 'query($id: ID!) { userDeletionPreview(id: $id) { openSessions } }'),
  byUser('updateUser', 'mutation($id: ID!) { updateUser(id: $id, input: { screenName: "X" }) { id } }'),
  byUser('resendActivation', 'mutation($id: ID!) { resendActivation(userId: $id) }'),
  byUser('demoteUser', 'mutation($id: ID!) { demoteUser(userId: $id) { id } }'),
  byUser('resetTotp', 'mutation($id: ID!) { resetTotp(userId: $id) { id } }'),
  {
    name: 'promoteUser',
    document: 'mutation($id: ID!, $organisations: [ID!]!) { promoteUser(userId: $id, organisationIds: $organisations) { id } }',
    variables: (world, id) => ({ id, organisations: [world.a1.id] }),
    foreignId: foreignUser,
  },
  {
    name: 'assignRole',
    document: 'mutation($user: ID!, $id: ID!) { assignRole(userId: $user, roleId: $id) { id } }',
    variables: (world, id) => ({ user: world.colleague.id, id }),
    foreignId: foreignRole,
  },
  {
    name: 'updateRole',
    document: 'mutation($id: ID!) { updateRole(id: $id, input: { name: "Taken over" }) { id } }',
    variables: (_world, id) => ({ id }),
    foreignId: foreignRole,
  },
  { name: 'deleteRole', document: 'mutation($id: ID!) { deleteRole(id: $id) }', variables: (_world, id) => ({ id }), foreignId: foreignRole },
];
