import { HeaderMap } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { BREAK, GraphQLError, visit } from 'graphql';
import type { Principal } from '@tenantry/auth';

/** The permission that opens the schema to a signed-in user. */
export const SCHEMA_READ = 'schema.read';

export interface SchemaAccessOptions {
  /** `NODE_ENV=development`, set explicitly: every signed-in user may read the schema. */
  development: boolean;
}

/**
 * Whether a caller may see the schema (introspection, "Did you mean" suggestions): signed-in
 * users with schema.read, or any signed-in user in development. Anonymous callers never: the
 * schema is the map of everything worth probing.
 */
export function mayReadSchema(principal: Principal, options: SchemaAccessOptions): boolean {
  if (principal.kind !== 'user') return false;
  return options.development || principal.permissions.includes(SCHEMA_READ);
}

/** Meta-fields that return the schema; `__typename` names one object's type and stays open. */
const SCHEMA_FIELDS = new Set(['__schema', '__type']);

/** Per parsed document: Apollo hands every request of one query text the same one, and a visit per request was ~3 % of a login's gateway CPU. */
const askedBy = new WeakMap<DocumentNode, boolean>();

/** Whether a (validated) document selects `__schema` or `__type` anywhere, aliased or inside fragments. */
export function asksForSchema(document: DocumentNode): boolean {
  let found = askedBy.get(document);
  if (found !== undefined) return found;
  found = false;
  visit(document, {
    Field(node) {
      if (!SCHEMA_FIELDS.has(node.name.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  askedBy.set(document, found);
  return found;
}

/** The answer to introspection by a caller that may not read the schema: 401 anonymous, 403 signed in. */
export function schemaRefusal(principal: Principal): GraphQLError {
  const http = (status: number) => ({ status, headers: new HeaderMap() });
  if (principal.kind !== 'user') {
    return new GraphQLError('Introspection needs a signed-in user with the schema.read permission.', {
      extensions: { code: 'UNAUTHENTICATED', http: http(401) },
    });
  }
  return new GraphQLError('Introspection needs the schema.read permission.', { extensions: { code: 'FORBIDDEN', http: http(403) } });
}

/** graphql-js's suggestions end a message: ` Did you mean "me"?`, `… the enum value "X"?`, `… to use an inline fragment on "T"?`. */
const SUGGESTION = / ?Did you mean .+\?$/;

/** The message without the schema names graphql-js suggests in it. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}
