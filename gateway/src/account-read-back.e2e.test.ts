import { RESTORE_WINDOW_DAYS } from '@tenantry/config';
import { DEMO_USERNAMES } from '@tenantry/stack';
import { errorCodes } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';
import { mailsTo } from './testing/mailbox';

const USER = `query($id: ID!) { user(id: $id) { username inboxes { name } } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const PREVIEW = `query($id: ID!) {
  userDeletionPreview(id: $id) { username openSessions pendingInvitationsSent operatorGroupMemberships auditEventsKept auditEventsAnonymised }
}`;
const ACCOUNT_AUDIT = `query($after: String) { account { auditEvents(first: 1, after: $after) { totalCount edges { node { action targetId } } pageInfo { hasNextPage endCursor } } } }`;
const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id name } } }`;

describe('users and the account, read back through the gateway', () => {
  let demo: DemoGraph;
  let owner: string;

  beforeAll(async () => {
    demo = await startDemoGraph();
    owner = await demo.login(DEMO_USERNAMES.owner);
  });
  afterAll(() => demo?.close());

  const operatorId = async () => (await demo.graph('{ me { id } }', {}, await demo.login(DEMO_USERNAMES.operator))).data.me.id;

  it('a user answers for the operator groups of their organisation: they and whoever may read them see their inboxes', async () => {
    const operator = await demo.login(DEMO_USERNAMES.operator);
    const mine = await demo.graph('{ me { inboxes { name } } }', {}, operator);
    expect(mine.errors).toBeUndefined();
    expect(mine.data.me.inboxes).toEqual([{ name: 'Demo Support' }]);

    const asOwner = await demo.graph(USER, { id: await operatorId() }, owner);
    expect(asOwner.errors).toBeUndefined();
    expect(asOwner.data.user).toEqual({ username: DEMO_USERNAMES.operator, inboxes: [{ name: 'Demo Support' }] });

    const asCustomer = await demo.graph(USER, { id: await operatorId() }, await demo.login(DEMO_USERNAMES.customerAdministrator));
    expect(asCustomer.data).toEqual({ user: null });
  });

  it(`an archived user shows until when they can be restored: archivedAt plus ${RESTORE_WINDOW_DAYS} days`, async () => {
    const organisationId = await demo.organisationId('Demo Support');
    const created = await demo.graph(
      CREATE_USER,
      { input: { organisationId, username: 'leaving.soon', email: 'leaving@example.com', firstName: 'Lea', lastName: 'Ving', roleKey: 'OPERATOR' } },
      owner,
    );
    const id = created.data.createUser.id;
    const before = await demo.graph('query($id: ID!) { user(id: $id) { restorableUntil } }', { id }, owner);
    expect(before.data.user.restorableUntil).toBeNull();

    const archived = await demo.graph('mutation($id: ID!) { archiveUser(id: $id) { status archivedAt restorableUntil } }', { id }, owner);
    expect(archived.errors).toBeUndefined();
    const { status, archivedAt, restorableUntil } = archived.data.archiveUser;
    expect(status).toBe('ARCHIVED');
    expect(new Date(restorableUntil).getTime() - new Date(archivedAt).getTime()).toBe(RESTORE_WINDOW_DAYS * 86_400_000);
  });

  it('previews what deleting a user takes, for an administrator only', async () => {
    const id = await operatorId();
    const preview = await demo.graph(PREVIEW, { id }, owner);
    expect(preview.errors).toBeUndefined();
    expect(preview.data.userDeletionPreview).toMatchObject({
      username: DEMO_USERNAMES.operator,
      pendingInvitationsSent: 0,
      operatorGroupMemberships: 1,
      auditEventsAnonymised: false,
    });
    // operatorId() signed the operator in, so at least that session would end.
    expect(preview.data.userDeletionPreview.openSessions).toBeGreaterThanOrEqual(1);

    const operator = await demo.login(DEMO_USERNAMES.operator);
    expect(errorCodes(await demo.graph(PREVIEW, { id: (await demo.graph('{ me { id } }', {}, owner)).data.me.id }, operator))).toEqual(['FORBIDDEN']);
  });

  it("the owner reads the account's own trail page by page, newest first: deleted organisations are listed there", async () => {
    const deletedIds: string[] = [];
    for (const name of ['Short Lived', 'Shorter Lived']) {
      const username = name.toLowerCase().replace(' ', '.');
      const created = await demo.graph(
        CREATE_ORGANISATION,
        { input: { name, firstOperator: { username, email: `${username}@example.com`, firstName: 'Sho', lastName: 'Rt' } } },
        owner,
      );
      expect(created.errors).toBeUndefined();
      const { id } = created.data.createOrganisation.organisation;
      const deleted = await demo.graph(
        'mutation($id: ID!, $name: String!) { deleteOrganisation(id: $id, confirmName: $name) { deletedOrganisationId } }',
        { id, name },
        owner,
      );
      expect(deleted.errors).toBeUndefined();
      deletedIds.push(id);
    }

    const first = await demo.graph(ACCOUNT_AUDIT, {}, owner);
    expect(first.errors).toBeUndefined();
    expect(first.data.account.auditEvents).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const second = await demo.graph(ACCOUNT_AUDIT, { after: first.data.account.auditEvents.pageInfo.endCursor }, owner);
    expect(second.data.account.auditEvents.pageInfo.hasNextPage).toBe(false);
    expect([...first.data.account.auditEvents.edges, ...second.data.account.auditEvents.edges]).toEqual(
      [...deletedIds].reverse().map((targetId) => ({ node: { action: 'organisation.deleted', targetId } })),
    );

    const customer = await demo.login(DEMO_USERNAMES.customerAdministrator);
    expect(errorCodes(await demo.graph(ACCOUNT_AUDIT, {}, customer))).toContain('FORBIDDEN');
  });

  it("a new organisation's first operator gets their username and, separately, the activation link", async () => {
    const created = await demo.graph(
      CREATE_ORGANISATION,
      { input: { name: 'Night Desk', firstOperator: { username: 'night.lead', email: 'night.lead@example.com', firstName: 'Nia', lastName: 'Lead' } } },
      owner,
    );
    expect(created.errors).toBeUndefined();
    const mails = await mailsTo(demo.mailDir, 'night.lead@example.com', 2);
    expect(mails).toHaveLength(2);
    expect(mails.filter((mail) => mail.text.includes('night.lead') && !mail.text.includes('activate?token='))).toHaveLength(1);
    expect(mails.filter((mail) => mail.text.includes('activate?token='))).toHaveLength(1);
  });
});
