import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { parse } from 'graphql';
import type { BuildSchemaOptions } from 'type-graphql';
import { buildSchema, createResolversMap } from 'type-graphql';

/** Federation 2 directives the subgraphs may use. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

/** Descriptions of the root types, the same in every subgraph so that composition keeps them without a hint. */
const ROOT_TYPE_DESCRIPTIONS = {
  Query: 'Reads. Signed-in callers only; each answers only what the caller may see, as if nothing else existed.',
  Mutation: 'Writes. Each completes or changes nothing. Anonymous callers may only log in, refresh, activate and reset passwords.',
};

/** `__resolveReference` per entity type name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entity's resolver declares its own reference and context types
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

/**
 * Turns type-graphql resolvers into a Federation 2 subgraph schema: type-graphql builds the schema,
 * it is printed with its directives, and @apollo/subgraph rebuilds it with `_service`/`_entities`.
 */
export async function buildFederatedSchema(options: Omit<BuildSchemaOptions, 'skipCheck'>, references: ReferenceResolvers = {}): Promise<GraphQLSchema> {
  // Inputs are checked with their class-validator decorators; failures answer BAD_USER_INPUT.
  const schema = await buildSchema({ ...options, skipCheck: true, validate: { forbidUnknownValues: false } });
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (root) root.description = ROOT_TYPE_DESCRIPTIONS[root.name as keyof typeof ROOT_TYPE_DESCRIPTIONS];
  }
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(references)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  });
}
