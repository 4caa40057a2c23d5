import { GraphQLSchema } from 'graphql';
import { applyRules, buildFederatedSchema, PageInfo } from '@tenantry/federation';
import { UserResolver } from './user/user.resolver';
import { resolveUserReference } from './user/user.reference';
import { userRules } from './user/user.rules';
import { SessionResolver } from './session/session.resolver';
import { sessionRules } from './session/session.rules';

/** The users subgraph schema without rules: what its SDL file is printed from. */
export function buildUsersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [UserResolver, SessionResolver], orphanedTypes: [PageInfo] },
    { User: { __resolveReference: resolveUserReference } },
  );
}

/** The schema the subgraph serves: every field behind graphql-shield. */
export async function buildGuardedUsersSchema(onInternalError: (error: unknown) => void): Promise<GraphQLSchema> {
  return applyRules(await buildUsersSchema(), [userRules, sessionRules], onInternalError);
}
