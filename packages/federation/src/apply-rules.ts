import type { GraphQLSchema } from 'graphql';
import { GraphQLError, isObjectType } from 'graphql';
import type { IMiddlewareFunction } from 'graphql-middleware';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, shield } from 'graphql-shield';
import type { IRuleTypeMap } from 'graphql-shield/typings/types';
import type { PrincipalContext } from '@tenantry/auth';
import { graphqlError } from '@tenantry/auth';
import type { RequestScope } from './request-scope';
import { requestScopeOf } from './request-scope';

/** Logs a resolver's unexpected error on its request's logger (logInternalError). */
export type InternalErrorLogger = (error: unknown, scope: RequestScope | undefined) => void;

/** Rules of one domain module: per type, a rule or a rule per field. */
export type RuleMap = IRuleTypeMap;

export const FORBIDDEN_MESSAGE = 'Not allowed.';
const UNAUTHENTICATED_MESSAGE = 'Sign in first.';

/** Errors a client may see unchanged: they carry a contract code other than INTERNAL_SERVER_ERROR. */
function isPublicError(error: unknown): error is GraphQLError {
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  return typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR';
}

/**
 * Resolvers' errors are returned instead of thrown: shield (with allowExternalErrors off)
 * would turn every thrown error into FORBIDDEN, hiding USERNAME_TAKEN and friends.
 * Anything that is not a public error is logged and masked.
 */
function returnErrors(onInternalError: InternalErrorLogger): IMiddlewareFunction {
  const toReturned = (error: unknown, context: unknown) => {
    if (isPublicError(error)) return error;
    onInternalError(error, requestScopeOf(context));
    return graphqlError('INTERNAL_SERVER_ERROR', 'Internal server error.');
  };
  return (resolve, parent, args, context, info) => {
    try {
      const result = resolve(parent, args, context, info);
      return result instanceof Promise ? result.catch((error: unknown) => toReturned(error, context)) : result;
    } catch (error) {
      return toReturned(error, context);
    }
  };
}

/**
 * The answer to a refused field: an anonymous caller is told to sign in (UNAUTHENTICATED), a
 * signed-in one that it is not allowed (FORBIDDEN).
 */
function refusal(context: Partial<PrincipalContext> | undefined): GraphQLError {
  const anonymous = context?.principal?.kind !== 'user';
  return anonymous ? graphqlError('UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE) : graphqlError('FORBIDDEN', FORBIDDEN_MESSAGE);
}

/**
 * Puts graphql-shield in front of every field: deny by default, UNAUTHENTICATED or FORBIDDEN
 * without a stack.
 */
export function applyRules(schema: GraphQLSchema, rules: RuleMap[], onInternalError: InternalErrorLogger): GraphQLSchema {
  const permissions = shield(mergeRules(federationRules, ...rules), {
    fallbackRule: deny,
    allowExternalErrors: false,
    fallbackError: (_thrown, _parent, _args, context) => refusal(context as Partial<PrincipalContext>),
  });
  // Entity reference resolvers live in type extensions, which the rebuild keeps.
  return applyMiddleware(schema, permissions, returnErrors(onInternalError));
}

/**
 * Federation's own fields: `_service` is read by composition; `_entities` is open here because
 * every entity type carries its own rule, so a foreign reference still resolves to nothing.
 */
const federationRules: RuleMap = {
  Query: { _service: allow, _entities: allow },
  _Service: allow,
  PageInfo: allow,
};

/** Merges rule maps of several domain modules; a field ruled twice is a mistake and throws. */
export function mergeRules(...maps: RuleMap[]): IRuleTypeMap {
  const merged: Record<string, RuleMap[string]> = {};
  for (const map of maps) {
    for (const [typeName, rule] of Object.entries(map)) {
      const existing = merged[typeName];
      if (existing === undefined) merged[typeName] = typeof rule === 'object' && !isRule(rule) ? { ...rule } : rule;
      else if (isFieldMap(existing) && isFieldMap(rule)) {
        for (const field of Object.keys(rule)) {
          if (field in existing) throw new Error(`Rule for ${typeName}.${field} is defined twice`);
        }
        Object.assign(existing, rule);
      } else throw new Error(`Rules for ${typeName} are defined twice`);
    }
  }
  return merged;
}

function isRule(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { resolve?: unknown }).resolve === 'function';
}

function isFieldMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !isRule(value);
}

/**
 * Fields of the schema that no rule names (neither their type nor themselves), so a field that
 * only the deny-by-default fallback guards is noticed. Introspection types are left out.
 */
export function fieldsWithoutRule(schema: GraphQLSchema, rules: RuleMap[]): string[] {
  const merged = mergeRules(federationRules, ...rules);
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRule = merged[type.name];
    for (const field of Object.keys(type.getFields())) {
      const covered = typeRule !== undefined && (!isFieldMap(typeRule) || field in typeRule || '*' in typeRule);
      if (!covered) missing.push(`${type.name}.${field}`);
    }
  }
  return missing;
}
