import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { Kind } from 'graphql';
import type { Principal } from '@tenantry/auth';
import { graphqlError } from '@tenantry/auth';

/** What a user whose password an administrator set may still ask for: who they are, changing it, and leaving. */
export const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['me', 'changePassword', 'logout', 'refreshSession', '__typename']);

/** Root fields of the operation that will run that a user who must change their password may not ask for. */
export function fieldsRefusedBeforePasswordChange(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])),
  );
  const refused: string[] = [];
  const visit = (selections: OperationDefinitionNode['selectionSet']['selections'], seen: Set<string>) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (!ALLOWED_BEFORE_PASSWORD_CHANGE.has(selection.name.value)) refused.push(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet.selections, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet.selections, new Set([...seen, selection.name.value]));
      }
    }
  };
  visit(operation.selectionSet.selections, new Set());
  return refused;
}

/**
 * A user whose password an administrator set must change it before anything else
 * (docs/product.md#onboarding-policy): any other root field answers PASSWORD_CHANGE_REQUIRED,
 * before a subgraph is asked. The gateway decides it because it alone sees every operation whole.
 */
export function passwordChangePlugin(): ApolloServerPlugin<{ principal: Principal }> {
  return {
    async requestDidStart({ contextValue }) {
      const { principal } = contextValue;
      if (principal.kind !== 'user' || !principal.passwordChangeRequired) return;
      return {
        async didResolveOperation({ document, operation }) {
          const refused = operation ? fieldsRefusedBeforePasswordChange(document, operation) : [];
          if (refused.length) {
            throw graphqlError('PASSWORD_CHANGE_REQUIRED', 'Change the password an administrator set for you (changePassword) before anything else.', {
              fields: refused,
              http: { status: 403, headers: new HeaderMap() },
            });
          }
        },
      };
    },
  };
}
