import { buildSchema, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERMISSION_KEYS } from '@tenantry/auth';
import type { GraphQLAnswer, GraphQLRequest, PostGraphQL } from './playground.graphql';
import { denialSubject, explainDenials, FIELD_PERMISSIONS, OWNER_ONLY_FIELDS } from './playground.denial';
import { DEFAULT_TABS, ME_OPERATION } from './playground.operations';

const ORGANISATION = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const forbidden = (path: (string | number)[]) => ({ message: 'Not allowed.', path, extensions: { code: 'FORBIDDEN' } });

describe('which permission a FORBIDDEN error is about', () => {
  it('names the refused root field, its permission and the organisation from a variable', () => {
    const query = 'query Audit($org: ID!) { trail: auditEvents(organisationId: $org) { totalCount } }';
    expect(denialSubject(query, 'Audit', { org: ORGANISATION }, forbidden(['trail']))).toEqual({
      kind: 'permission',
      field: 'auditEvents',
      permission: 'audit.read',
      organisationId: ORGANISATION,
    });
  });

  it('reads the organisation from a literal, from input.organisationId, and from updateOrganisation(id:)', () => {
    expect(denialSubject(`{ usersCsv(organisationId: "${ORGANISATION}") }`, undefined, {}, forbidden(['usersCsv']))).toMatchObject({
      permission: 'users.export',
      organisationId: ORGANISATION,
    });
    const invite = 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }';
    expect(denialSubject(invite, undefined, { input: { organisationId: ORGANISATION } }, forbidden(['inviteUser']))).toMatchObject({
      permission: 'users.invite',
      organisationId: ORGANISATION,
    });
    const update = `mutation { updateOrganisation(id: "${ORGANISATION}", input: { name: "X" }) { id } }`;
    expect(denialSubject(update, undefined, {}, forbidden(['updateOrganisation']))).toMatchObject({
      permission: 'organisation.manage',
      organisationId: ORGANISATION,
    });
  });

  it('explains a nested denial by the deepest listed field, through fragments, with the organisation from above', () => {
    const query = `query { organisation(id: "${ORGANISATION}") { ...Settings } } fragment Settings on Organisation { privacy { transcriptRetentionDays } }`;
    expect(denialSubject(query, undefined, {}, forbidden(['organisation', 'privacy', 'transcriptRetentionDays']))).toEqual({
      kind: 'permission',
      field: 'privacy',
      permission: 'organisation.read',
      organisationId: ORGANISATION,
    });
  });

  it('says when only the account owner may, and gives up plainly on what no permission explains', () => {
    expect(denialSubject('mutation { createOrganisation(input: {}) { organisation { id } } }', undefined, {}, forbidden(['createOrganisation']))).toEqual({
      kind: 'owner-only',
      field: 'createOrganisation',
    });
    expect(denialSubject('{ me { can(permission: "x") { allowed } } }', undefined, {}, forbidden(['me', 'can']))).toEqual({
      kind: 'unexplained',
      field: 'can',
    });
    expect(denialSubject('{ not graphql', undefined, {}, forbidden(['x']))).toEqual({ kind: 'unexplained' });
  });

  it('lists only real permissions and fields of the public graph', () => {
    const supergraph = readFileSync(join(__dirname, '..', '..', '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
    for (const permission of Object.values(FIELD_PERMISSIONS)) expect(PERMISSION_KEYS.has(permission)).toBe(true);
    for (const field of [...Object.keys(FIELD_PERMISSIONS), ...OWNER_ONLY_FIELDS]) expect(supergraph).toMatch(new RegExp(`^  ${field}[(:]`, 'm'));
  });
});

describe('explaining the FORBIDDEN errors of an answer', () => {
  const request: GraphQLRequest = { query: `{ auditEvents(organisationId: "${ORGANISATION}") { totalCount } }` };

  it('asks me.can for the permission and organisation, once per refused field, as the caller', async () => {
    const calls: { request: GraphQLRequest; token?: string }[] = [];
    const post = (async (asked: GraphQLRequest, token?: string) => {
      calls.push({ request: asked, token });
      return { data: { me: { can: { allowed: false, reason: 'role OPERATOR lacks audit.read' } } } };
    }) as PostGraphQL;
    const answer: GraphQLAnswer = { data: null, errors: [forbidden(['auditEvents']), forbidden(['auditEvents'])] };
    await expect(explainDenials(request, answer, post, 'token')).resolves.toEqual([
      { field: 'auditEvents', permission: 'audit.read', reason: 'role OPERATOR lacks audit.read' },
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0].token).toBe('token');
    expect(calls[0].request.variables).toEqual({ permission: 'audit.read', organisationId: ORGANISATION });
  });

  it('keeps the server message when the permission is held (another rule refused) or the graph will not explain', async () => {
    const allowed = (async () => ({ data: { me: { can: { allowed: true, reason: 'role OWNER grants audit.read' } } } })) as PostGraphQL;
    const answer: GraphQLAnswer = { errors: [forbidden(['auditEvents'])] };
    await expect(explainDenials(request, answer, allowed)).resolves.toEqual([
      { field: 'auditEvents', permission: 'audit.read', reason: 'role OWNER grants audit.read, yet the server refused: Not allowed.' },
    ]);
    const refusing = (async () => ({ data: null, errors: [{ message: 'Sign in first.' }] })) as PostGraphQL;
    await expect(explainDenials(request, answer, refusing)).resolves.toEqual([
      { field: 'auditEvents', permission: 'audit.read', reason: 'Not allowed. (the graph would not explain: Sign in first.)' },
    ]);
  });

  it('ignores answers without FORBIDDEN errors', async () => {
    const post = jest.fn() as unknown as PostGraphQL;
    await expect(explainDenials(request, { errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] }, post)).resolves.toEqual([]);
    expect(post).not.toHaveBeenCalled();
  });
});

describe('the tabs the playground opens with', () => {
  const schema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', '..', 'schema', 'supergraph.graphql'), 'utf8'), { assumeValidSDL: true });

  it('start with the contract operation, and every tab is valid against the committed supergraph', () => {
    expect(DEFAULT_TABS[0].query).toContain(ME_OPERATION);
    for (const tab of DEFAULT_TABS) expect(validate(schema, parse(tab.query)).map((error) => error.message)).toEqual([]);
  });
});
