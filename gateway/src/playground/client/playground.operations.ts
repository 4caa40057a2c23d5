/** A tab GraphiQL opens with (its TabDefinition). */
export interface PlaygroundTab {
  query: string;
  variables?: string;
}

/** The first tab's operation (the public contract, ../../shared/API.md): who am I signed in as. */
export const ME_OPERATION = '{ me { username organisation { name } role { key } permissions } }';

/** Stands where a journey needs the id of an organisation; the sign-in panel shows the caller's. */
export const ORGANISATION_ID_PLACEHOLDER = 'ORGANISATION_ID';

const organisationVariables = (extra: Record<string, unknown> = {}) => JSON.stringify({ organisationId: ORGANISATION_ID_PLACEHOLDER, ...extra }, null, 2);

/**
 * The tabs a fresh playground opens with: who am I, then the main journeys of docs/product.md.
 * GraphiQL keeps the tabs a user edits in the browser's storage; these come back with "Reset".
 */
export const DEFAULT_TABS: PlaygroundTab[] = [
  { query: `# Who am I? Sign in above, then run this tab (Ctrl-Enter).\n${ME_OPERATION}\n` },
  {
    query: `# Invite somebody by email into an organisation you may see (needs users.invite).
# Replace ${ORGANISATION_ID_PLACEHOLDER} with the id shown beside your name above.
mutation InviteUser($input: InviteUserInput!) {
  inviteUser(input: $input) {
    id
    email
    roleKey
    status
    expiresAt
  }
}
`,
    variables: JSON.stringify(
      {
        input: {
          organisationId: ORGANISATION_ID_PLACEHOLDER,
          email: 'new.colleague@example.com',
          firstName: 'New',
          lastName: 'Colleague',
          language: 'EN',
          roleKey: 'OPERATOR',
        },
      },
      null,
      2,
    ),
  },
  {
    query: `# Add a sub-organisation with its first operator, widget and operator group (account owner).
mutation CreateOrganisation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    organisation {
      id
      name
      kind
    }
    firstOperator {
      username
      status
    }
    widget {
      id
      name
    }
    operatorGroup {
      id
      name
    }
  }
}
`,
    variables: JSON.stringify(
      {
        input: {
          name: 'Night Shift',
          language: 'en',
          firstOperator: { username: 'night.manager', email: 'night.manager@example.com', firstName: 'Night', lastName: 'Manager' },
        },
      },
      null,
      2,
    ),
  },
  {
    query: `# Users of an organisation, a page at a time (needs users.read).
query ListUsers($organisationId: ID!, $search: String, $after: String) {
  users(organisationId: $organisationId, search: $search, first: 20, after: $after) {
    totalCount
    edges {
      node {
        username
        firstName
        lastName
        email
        status
        role {
          key
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,
    variables: organisationVariables(),
  },
  {
    query: `# Every user of an organisation as CSV (needs users.export).
query ExportUsersCsv($organisationId: ID!) {
  usersCsv(organisationId: $organisationId)
}
`,
    variables: organisationVariables(),
  },
];

/** Signs in; the panel keeps the tokens in memory only (never in storage). */
export const LOGIN = `mutation Login($username: String!, $password: String!, $totpCode: String) {
  login(username: $username, password: $password, totpCode: $totpCode) { accessToken refreshToken expiresAt }
}`;

/** Trades the single-use refresh token for a new pair before the access token expires. */
export const REFRESH_SESSION = `mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) { accessToken refreshToken expiresAt }
}`;

/** Ends the session on the server, so the refresh token dies with it. */
export const LOGOUT = 'mutation Logout { logout }';

/** What the panel shows about the signed-in user. */
export const WHO_AM_I = 'query WhoAmI { me { username organisation { id name } role { key } permissions } }';

/** Asks the permissions subgraph why a permission is (not) granted to the caller. */
export const EXPLAIN = `query ExplainDenial($permission: String!, $organisationId: ID) {
  me { can(permission: $permission, organisationId: $organisationId) { allowed reason } }
}`;
