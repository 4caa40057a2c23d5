import { randomUUID } from 'node:crypto';
import { Persona, World } from './world';

/**
 * The authorization matrix as data (after OWASP's authorization-testing cheat sheet and
 * OpenFGA's assertion files): every query and mutation of the graph, what it is asked with,
 * and which personas it must allow. Every persona not listed must be denied.
 */
export interface OperationRow {
  /** The root field this row covers. */
  field: string;
  kind: 'query' | 'mutation';
  document: string;
  /** Variables for one call; may create a fresh target, so a call never depends on another. */
  variables: (world: World) => Promise<Record<string, unknown>> | Record<string, unknown>;
  allowed: readonly Persona[];
  /** Runs the row with a session of its own (for rows that end the session). */
  freshSession?: boolean;
}

const everyone: readonly Persona[] = [
  'anonymous', 'operatorA', 'managerA', 'ownerA', 'operatorB', 'promoted', 'customerMember', 'customerModerator', 'customerAdministrator',
];
const signedIn = everyone.filter((persona) => persona !== 'anonymous');
/** Who sees organisation A1 and its users. */
const seesA1: readonly Persona[] = ['operatorA', 'managerA', 'ownerA', 'promoted'];

const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;
const username = (prefix: string) => `${prefix}.${randomUUID().slice(0, 8)}`;

export const OPERATION_ROWS: OperationRow[] = [
  { field: 'me', kind: 'query', document: '{ me { id } }', variables: () => ({}), allowed: signedIn },
  { field: 'account', kind: 'query', document: '{ account { id } }', variables: () => ({}), allowed: ['ownerA', 'promoted'] },
  {
    field: 'organisation', kind: 'query', document: 'query($id: ID!) { organisation(id: $id) { id } }',
    variables: (world) => ({ id: world.a1.id }), allowed: seesA1,
  },
  { field: 'organisations', kind: 'query', document: '{ organisations { edges { node { id } } } }', variables: () => ({}), allowed: signedIn },
  {
    field: 'organisationDeletionPreview', kind: 'query', document: 'query($id: ID!) { organisationDeletionPreview(id: $id) { operators } }',
    variables: (world) => ({ id: world.a1.id }), allowed: ['ownerA'],
  },
  {
    field: 'user', kind: 'query', document: 'query($id: ID!) { user(id: $id) { id } }',
    variables: (world) => ({ id: world.colleague.id }), allowed: seesA1,
  },
  { field: 'permissionCatalog', kind: 'query', document: '{ permissionCatalog { key } }', variables: () => ({}), allowed: signedIn },
  {
    field: 'roles', kind: 'query', document: 'query($id: ID!) { roles(organisationId: $id) { id } }',
    variables: (world) => ({ id: world.a1.id }), allowed: seesA1,
  },
  {
    field: 'login', kind: 'mutation', document: 'mutation($username: String!) { login(username: $username, password: "correct horse battery staple") { accessToken } }',
    variables: (world) => ({ username: world.colleague.record.username }), allowed: everyone,
  },
  { field: 'logout', kind: 'mutation', document: 'mutation { logout }', variables: () => ({}), allowed: signedIn, freshSession: true },
  {
    field: 'createOrganisation', kind: 'mutation',
    document: 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }',
    variables: () => ({ input: { name: unique('Matrix'), firstOperator: { username: username('matrix'), email: 'matrix@example.com', firstName: 'M', lastName: 'X' } } }),
    allowed: ['ownerA'],
  },
  {
    field: 'updateOrganisation', kind: 'mutation',
    document: 'mutation($id: ID!) { updateOrganisation(id: $id, input: { location: "Utrecht" }) { id } }',
    variables: (world) => ({ id: world.a1.id }), allowed: ['managerA', 'ownerA'],
  },
  {
    field: 'deleteOrganisation', kind: 'mutation',
    document: 'mutation($id: ID!, $name: String!) { deleteOrganisation(id: $id, confirmName: $name) { deletedOrganisationId } }',
    variables: async (world) => {
      const doomed = await world.alpha.createOrganisation(unique('Doomed'));
      return { id: doomed.id, name: doomed.record.name };
    },
    allowed: ['ownerA'],
  },
  {
    field: 'createCustomerOrganisation', kind: 'mutation',
    document: 'mutation($input: CreateCustomerOrganisationInput!) { createCustomerOrganisation(input: $input) { id } }',
    variables: () => ({ input: { name: unique('Customer'), firstAdministrator: { username: username('customer'), email: 'c@example.com', firstName: 'C', lastName: 'X' } } }),
    allowed: ['managerA', 'ownerA'],
  },
  {
    field: 'makeCustomerIndependent', kind: 'mutation',
    document: 'mutation($id: ID!, $owner: ID!) { makeCustomerIndependent(organisationId: $id, ownerUserId: $owner) { id } }',
    variables: async (world) => {
      const customer = await world.a1.createCustomer(unique('Leaving'));
      const administrator = await customer.createUser('ADMINISTRATOR');
      return { id: customer.id, owner: administrator.id };
    },
    allowed: ['managerA', 'ownerA'],
  },
];

/** Entity types: resolved through `_entities` straight at each subgraph that can resolve them. */
export interface EntityRow {
  type: string;
  subgraph: string;
  /** The representation of an object of organisation A1. */
  representation: (world: World) => Record<string, unknown>;
  selection: string;
  allowed: readonly Persona[];
}

export const ENTITY_ROWS: EntityRow[] = [
  { type: 'Organisation', subgraph: 'organisations', representation: (world) => ({ __typename: 'Organisation', id: world.a1.id }), selection: 'id name', allowed: seesA1 },
  { type: 'User', subgraph: 'users', representation: (world) => ({ __typename: 'User', id: world.colleague.id }), selection: 'id username', allowed: seesA1 },
  { type: 'User', subgraph: 'permissions', representation: (world) => ({ __typename: 'User', id: world.colleague.id }), selection: 'id role { key }', allowed: seesA1 },
];
