import { parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { fieldsRefusedBeforePasswordChange } from './password-change.plugin';

const refused = (source: string) => {
  const document = parse(source);
  return fieldsRefusedBeforePasswordChange(
    document,
    document.definitions.find((definition) => definition.kind === 'OperationDefinition') as OperationDefinitionNode,
  );
};

describe('what a user who must change their password may still ask', () => {
  it('lets through me, changePassword, logout and __typename', () => {
    expect(refused('{ me { username mustChangePassword organisation { name } } __typename }')).toEqual([]);
    expect(refused('mutation { changePassword(currentPassword: "a", newPassword: "b") logout }')).toEqual([]);
  });

  it('names every other root field, also behind fragments and inline fragments', () => {
    expect(refused('query { me { id } users(organisationId: "x") { totalCount } }')).toEqual(['users']);
    expect(refused('query { ...Roots } fragment Roots on Query { account { id } ... on Query { permissionCatalog { key } } }')).toEqual([
      'account',
      'permissionCatalog',
    ]);
  });
});
