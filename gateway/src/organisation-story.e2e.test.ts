import { DEMO_USERNAMES } from '@tenantry/stack';
import { errorCodes } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';
import { activationTokenIn, mailsTo } from './testing/mailbox';

const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }`;

describe('organisations through the gateway: add, use and delete a sub-organisation', () => {
  let demo: DemoGraph;

  beforeAll(async () => {
    demo = await startDemoGraph();
  });
  afterAll(() => demo?.close());

  it('the owner adds it with its first operator, who activates from the mail, sees only it, and loses access when it is deleted', async () => {
    const { graph } = demo;
    const owner = await demo.login(DEMO_USERNAMES.owner);

    const created = await graph(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id name } firstOperator { id } } }`,
      {
        input: {
          name: 'Webcare Rotterdam',
          language: 'nl',
          location: 'Rotterdam',
          firstOperator: { username: 'sanne.webcare', email: 'sanne@example.nl', firstName: 'Sanne', lastName: 'de Vries' },
        },
      },
      owner,
    );
    expect(created.errors).toBeUndefined();
    const organisationId = created.data.createOrganisation.organisation.id;

    // Two mails, as for createUser: the username first, then the activation link.
    const [usernameMail, mail] = await mailsTo(demo.mailDir, 'sanne@example.nl', 2);
    expect(usernameMail.subject).toBe('Je gebruikersnaam bij Webcare Rotterdam');
    expect(mail.subject).toBe('Activeer je account bij Webcare Rotterdam');
    const token = activationTokenIn(mail);
    const activated = await graph(`mutation($token: String!, $password: String!) { activateAccount(token: $token, password: $password) { accessToken } }`, {
      token,
      password: 'a long and private passphrase',
    });
    expect(activated.errors).toBeUndefined();

    const operator = (await graph(LOGIN, { username: 'sanne.webcare', password: 'a long and private passphrase' })).data.login.accessToken;
    const seen = await graph(`{ organisations { edges { node { id name } } } me { role { key } organisation { name } } }`, {}, operator);
    expect(seen.data).toEqual({
      organisations: { edges: [{ node: { id: organisationId, name: 'Webcare Rotterdam' } }] },
      me: { role: { key: 'MANAGER' }, organisation: { name: 'Webcare Rotterdam' } },
    });

    const preview = await graph(`query($id: ID!) { organisationDeletionPreview(id: $id) { name operators widgets } }`, { id: organisationId }, owner);
    expect(preview.data.organisationDeletionPreview).toEqual({ name: 'Webcare Rotterdam', operators: 1, widgets: 1 });
    const mismatch = await graph(
      `mutation($id: ID!) { deleteOrganisation(id: $id, confirmName: "webcare rotterdam") { deletedOrganisationId } }`,
      { id: organisationId },
      owner,
    );
    expect(errorCodes(mismatch)).toEqual(['CONFIRMATION_MISMATCH']);
    const deleted = await graph(
      `mutation($id: ID!) { deleteOrganisation(id: $id, confirmName: "Webcare Rotterdam") { deletedOrganisationId endedSessions } }`,
      { id: organisationId },
      owner,
    );
    expect(deleted.data.deleteOrganisation).toMatchObject({ deletedOrganisationId: organisationId });
    expect(deleted.data.deleteOrganisation.endedSessions).toBeGreaterThanOrEqual(1);

    const after = await graph('{ me { id } }', {}, operator);
    expect(after.status).toBe(401);
    expect(errorCodes(after)).toEqual(['UNAUTHENTICATED']);
  });
});
