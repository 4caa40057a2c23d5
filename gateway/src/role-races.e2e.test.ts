import { In } from '@tenantry/database';
import { RoleAssignmentRecord, RoleRecord } from '@tenantry/permissions-module';
import { UserRecord } from '@tenantry/users-module';
import { DEMO_USERNAMES } from '@tenantry/stack';
import type { GraphQLResponse } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const CREATE_ROLE = `mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }`;
const UPDATE_ROLE = `mutation($id: ID!, $input: UpdateRoleInput!) { updateRole(id: $id, input: $input) { id } }`;
const DELETE_ROLE = `mutation($id: ID!, $replacementRoleId: ID) { deleteRole(id: $id, replacementRoleId: $replacementRoleId) }`;
const ASSIGN_ROLE = `mutation($userId: ID!, $roleId: ID!) { assignRole(userId: $userId, roleId: $roleId) { id } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

/** Answers a racing client may get: data, or one of these contract codes. */
const CONTRACT_CODES = ['BAD_USER_INPUT', 'NOT_FOUND'];
const ROUNDS = 40;

/** The error code of a response, or null when it succeeded. */
function codeOf(response: GraphQLResponse): string | null {
  if (!response.errors?.length && response.status === 200) return null;
  return response.errors?.map((error) => String(error.extensions?.code)).join('; ') ?? `HTTP ${response.status}`;
}

describe('role changes racing each other through the gateway: every mutation completes or changes nothing', () => {
  let demo: DemoGraph;
  let owner: string;
  let supportId: string;
  let ownOrganisationId: string;
  /** Users of Demo Support, the demo operator first. */
  let supportUserIds: string[];

  beforeAll(async () => {
    demo = await startDemoGraph();
    owner = await demo.login(DEMO_USERNAMES.owner);
    ownOrganisationId = await demo.organisationId('Demo');
    supportId = await demo.organisationId('Demo Support');
    const operator = await demo.db.dataSource.getRepository(UserRecord).findOneByOrFail({ username: DEMO_USERNAMES.operator });
    const colleagues = [];
    for (const name of ['ria', 'sam']) {
      const created = await demo.graph(
        CREATE_USER,
        {
          input: {
            organisationId: supportId,
            username: `${name}.racer`,
            email: `${name}@example.com`,
            firstName: name,
            lastName: 'Racer',
            roleKey: 'OPERATOR',
          },
        },
        owner,
      );
      colleagues.push(created.data.createUser.id as string);
    }
    supportUserIds = [operator.id, ...colleagues];
  });
  afterAll(() => demo?.close());

  const createRole = async (organisationId: string, name: string): Promise<string> =>
    (await demo.graph(CREATE_ROLE, { input: { organisationId, name, permissions: [] } }, owner)).data.createRole.id;

  /** Users of the organisation without a role (a deleted role's cascade took it), as "user id". */
  async function usersWithoutRole(organisationId: string): Promise<string[]> {
    const users = await demo.db.dataSource.getRepository(UserRecord).findBy({ organisationId });
    const assigned = await demo.db.dataSource.getRepository(RoleAssignmentRecord).findBy({ userId: In(users.map((user) => user.id)) });
    return users.filter((user) => !assigned.some((assignment) => assignment.userId === user.id)).map((user) => user.username);
  }

  it(`${ROUNDS} rounds of deleteRole (with a replacement or without) against assignRole, updateRole and deleteRole of the replacement leave every user exactly one role`, async () => {
    const [operatorId, riaId, samId] = supportUserIds;
    const violations: string[] = [];
    const unexpected: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const doomed = await createRole(supportId, `Doomed ${round}`);
      const replacement = await createRole(supportId, `Replacement ${round}`);
      // Sam holds the doomed role already, so its deletion has a holder to move on odd rounds.
      if (round % 2) await demo.graph(ASSIGN_ROLE, { userId: samId, roleId: doomed }, owner);
      const racers = [
        demo.graph(DELETE_ROLE, { id: doomed, replacementRoleId: round % 4 < 2 ? replacement : null }, owner),
        demo.graph(ASSIGN_ROLE, { userId: operatorId, roleId: doomed }, owner),
        demo.graph(ASSIGN_ROLE, { userId: riaId, roleId: doomed }, owner),
        // The replacement changes or goes away while holders move to it.
        round % 3 === 0
          ? demo.graph(DELETE_ROLE, { id: replacement }, owner)
          : demo.graph(UPDATE_ROLE, { id: replacement, input: { name: `Replacement ${round} renamed`, permissions: ['audit.read'] } }, owner),
      ];
      for (const code of (await Promise.all(racers)).map(codeOf)) {
        if (code !== null && !CONTRACT_CODES.includes(code)) unexpected.push(`round ${round}: ${code}`);
      }
      const roleless = await usersWithoutRole(supportId);
      if (roleless.length) violations.push(`round ${round}: ${roleless.join(', ')} without a role`);
      // Give the roleless their role back, so later rounds measure their own races.
      for (const username of roleless) {
        const { id } = await demo.db.dataSource.getRepository(UserRecord).findOneByOrFail({ username });
        const operatorRole = await demo.db.dataSource.getRepository(RoleRecord).findOneByOrFail({ organisationId: supportId, key: 'OPERATOR' });
        await demo.db.dataSource.getRepository(RoleAssignmentRecord).insert({ userId: id, roleId: operatorRole.id, assignedAt: new Date() });
      }
    }

    expect({ violations, unexpected }).toEqual({ violations: [], unexpected: [] });
  });

  it(`${ROUNDS} rounds of deleteRole against createUser with that role in a customer organisation (no seat, so no account lock) leave every user a role`, async () => {
    const customerId = await demo.organisationId('Acme Customer');
    const violations: string[] = [];
    const unexpected: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const doomed = await createRole(customerId, `Customer doomed ${round}`);
      const { key } = await demo.db.dataSource.getRepository(RoleRecord).findOneByOrFail({ id: doomed });
      const administrator = await demo.db.dataSource.getRepository(RoleRecord).findOneByOrFail({ organisationId: customerId, key: 'ADMINISTRATOR' });
      const newUser = (index: number) => ({
        organisationId: customerId,
        username: `customer.racer.${round}.${index}`,
        email: `customer.${round}.${index}@example.com`,
        firstName: 'Customer',
        lastName: 'Racer',
        roleKey: key,
      });
      const racers = [
        demo.graph(DELETE_ROLE, { id: doomed, replacementRoleId: round % 2 ? administrator.id : null }, owner),
        demo.graph(CREATE_USER, { input: newUser(1) }, owner),
        demo.graph(CREATE_USER, { input: newUser(2) }, owner),
      ];
      for (const code of (await Promise.all(racers)).map(codeOf)) {
        if (code !== null && !CONTRACT_CODES.includes(code)) unexpected.push(`round ${round}: ${code}`);
      }
      const roleless = await usersWithoutRole(customerId);
      if (roleless.length) violations.push(`round ${round}: ${roleless.join(', ')} without a role`);
      // Roleless racers are deleted, so later rounds measure their own races.
      if (roleless.length) await demo.db.dataSource.getRepository(UserRecord).delete({ username: In(roleless) });
    }

    expect({ violations, unexpected }).toEqual({ violations: [], unexpected: [] });
  });

  it(`${ROUNDS} rounds of parallel createRole and updateRole (rename) to one name in different case leave exactly one role of that name`, async () => {
    const duplicates: string[] = [];
    const unexpected: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const renamed = await createRole(ownOrganisationId, `Before rename ${round}`);
      const name = `Night shift ${round}`;
      const racers = [
        demo.graph(CREATE_ROLE, { input: { organisationId: ownOrganisationId, name, permissions: [] } }, owner),
        demo.graph(CREATE_ROLE, { input: { organisationId: ownOrganisationId, name: name.toUpperCase(), permissions: [] } }, owner),
        demo.graph(CREATE_ROLE, { input: { organisationId: ownOrganisationId, name: name.toLowerCase(), permissions: [] } }, owner),
        demo.graph(UPDATE_ROLE, { id: renamed, input: { name: `NIGHT shift ${round}` } }, owner),
      ];
      const codes = (await Promise.all(racers)).map(codeOf);
      for (const code of codes) {
        if (code !== null && code !== 'BAD_USER_INPUT') unexpected.push(`round ${round}: ${code}`);
      }
      const roles = await demo.db.dataSource.getRepository(RoleRecord).findBy({ organisationId: ownOrganisationId });
      const sameName = roles.filter((role) => role.name.toLowerCase() === name.toLowerCase());
      if (sameName.length !== 1 || codes.filter((code) => code === null).length !== 1) {
        duplicates.push(`round ${round}: ${sameName.map((role) => role.name).join(', ')}; answers ${codes.join(', ')}`);
      }
    }

    expect({ duplicates, unexpected }).toEqual({ duplicates: [], unexpected: [] });
  });
});
