import { In } from '@tenantry/database';
import { AccountRecord, OrganisationRecord } from '@tenantry/organisations-module';
import { RoleRecord } from '@tenantry/permissions-module';
import { AuditEventRecord, UserRecord } from '@tenantry/users-module';
import { DEMO_USERNAMES } from '@tenantry/stack';
import type { GraphQLResponse } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const UPDATE_ORGANISATION = `mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id } }`;
const CREATE_ROLE = `mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }`;
const UPDATE_MY_PREFERENCES = `mutation($input: PreferencesInput!) { updateMyPreferences(input: $input) { id } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const INVITE_USER = `mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }`;
const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }`;
const CREATE_CUSTOMER = `mutation($input: CreateCustomerOrganisationInput!) { createCustomerOrganisation(input: $input) { id } }`;
const SEATS = `{ account { seatLimit usage { seatsLeft } } }`;

/** The error of a response as "CODE: message", or null when it succeeded. */
function failureOf(response: GraphQLResponse): string | null {
  if (!response.errors?.length && response.status === 200) return null;
  return (response.errors ?? []).map((error) => `${error.extensions?.code}: ${error.message}`).join('; ') || `HTTP ${response.status}`;
}

describe('the graph under parallel writes: three subgraph processes and the mail worker on one database', () => {
  let demo: DemoGraph;
  let owner: string;
  let ownOrganisationId: string;
  let supportId: string;

  beforeAll(async () => {
    demo = await startDemoGraph();
    owner = await demo.login(DEMO_USERNAMES.owner);
    ownOrganisationId = await demo.organisationId('Demo');
    supportId = await demo.organisationId('Demo Support');
  });
  afterAll(() => demo?.close());

  it('60 parallel mutations spread over the organisations, permissions and users subgraphs all succeed and all land', async () => {
    const { graph } = demo;
    const operator = await demo.login(DEMO_USERNAMES.operator);
    const customerAdministrator = await demo.login(DEMO_USERNAMES.customerAdministrator);
    const preferenceWriters = [owner, operator, customerAdministrator];

    const requests = Array.from({ length: 60 }, (_, index) => {
      const round = Math.floor(index / 3);
      if (index % 3 === 0) return graph(UPDATE_ORGANISATION, { id: supportId, input: { location: `Hall ${round}` } }, owner);
      if (index % 3 === 1) return graph(CREATE_ROLE, { input: { organisationId: ownOrganisationId, name: `Parallel shift ${round}`, permissions: [] } }, owner);
      return graph(UPDATE_MY_PREFERENCES, { input: { landingPage: round % 2 ? 'inbox' : 'chats' } }, preferenceWriters[round % 3]);
    });
    const failures = (await Promise.all(requests)).map(failureOf).filter((failure) => failure !== null);

    expect(failures).toEqual([]);
    const audits = await demo.db.dataSource.getRepository(AuditEventRecord).findBy({
      action: In(['organisation.updated', 'role.created', 'user.preferences_updated']),
    });
    const count = (action: string) => audits.filter((audit) => audit.action === action).length;
    expect([count('organisation.updated'), count('role.created'), count('user.preferences_updated')]).toEqual([20, 20, 20]);
    const roles = await demo.db.dataSource.getRepository(RoleRecord).findBy({ organisationId: ownOrganisationId, builtIn: false });
    expect(roles.filter((role) => role.name.startsWith('Parallel shift '))).toHaveLength(20);
    const support = await demo.db.dataSource.getRepository(OrganisationRecord).findOneByOrFail({ id: supportId });
    expect(support.location).toMatch(/^Hall \d+$/);
  });

  it('40 parallel createUser, inviteUser and createOrganisation for the last free seat give exactly one winner; the other 39 get SEAT_LIMIT_REACHED', async () => {
    const { graph } = demo;
    const before = (await graph(SEATS, {}, owner)).data.account;
    const accounts = demo.db.dataSource.getRepository(AccountRecord);
    // One free seat: the limit is lowered behind the graph's back, as an operator of the plan would.
    await accounts.update({ name: 'Demo' }, { seatLimit: before.seatLimit - before.usage.seatsLeft + 1 });
    const { seatLimit } = await accounts.findOneByOrFail({ name: 'Demo' });

    // Two subgraph processes take seats: users (createUser, inviteUser) and organisations (a new organisation's first operator).
    const requests = Array.from({ length: 40 }, (_, index) => {
      const person = { email: `seat.${index}@example.com`, firstName: 'Seat', lastName: `Racer ${index}` };
      if (index % 3 === 0)
        return graph(CREATE_USER, { input: { ...person, organisationId: supportId, username: `seat.racer.${index}`, roleKey: 'OPERATOR' } }, owner);
      if (index % 3 === 1) return graph(INVITE_USER, { input: { ...person, organisationId: ownOrganisationId, language: 'EN', roleKey: 'OPERATOR' } }, owner);
      return graph(
        CREATE_ORGANISATION,
        { input: { name: `Seat race ${index}`, language: 'en', firstOperator: { ...person, username: `seat.racer.${index}` } } },
        owner,
      );
    });
    const failures = (await Promise.all(requests)).map(failureOf);

    expect(failures.filter((failure) => failure === null)).toHaveLength(1);
    expect(failures.filter((failure) => failure !== null && !failure.startsWith('SEAT_LIMIT_REACHED:'))).toEqual([]);
    const after = (await graph(SEATS, {}, owner)).data.account;
    expect(after).toEqual({ seatLimit, usage: { seatsLeft: 0 } });
    const racers = await demo.db.dataSource.getRepository(UserRecord).findBy({ lastName: In(Array.from({ length: 40 }, (_, index) => `Racer ${index}`)) });
    expect(racers).toHaveLength(1);
  });

  it('parallel customer organisations with one name give one customer; the others get BAD_USER_INPUT, never INTERNAL_SERVER_ERROR', async () => {
    const { graph } = demo;
    const requests = Array.from({ length: 20 }, (_, index) =>
      graph(
        CREATE_CUSTOMER,
        {
          input: {
            name: 'Raced Customer',
            language: 'en',
            firstAdministrator: { username: `raced.admin.${index}`, email: `raced.${index}@example.com`, firstName: 'Raced', lastName: 'Admin' },
          },
        },
        owner,
      ),
    );
    const failures = (await Promise.all(requests)).map(failureOf);

    expect(failures.filter((failure) => failure === null)).toHaveLength(1);
    expect(failures.filter((failure) => failure !== null && !failure.startsWith('BAD_USER_INPUT:'))).toEqual([]);
    expect(await demo.db.dataSource.getRepository(OrganisationRecord).countBy({ name: 'Raced Customer' })).toBe(1);
  });
});
