import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { parse as parseYaml } from 'yaml';

const SCHEMA_DIR = join(__dirname, '..');
export const SUPERGRAPH_FILE = join(SCHEMA_DIR, 'supergraph.graphql');
/** The client-facing schema (no federation internals) that web and mobile teams generate clients from. */
export const PUBLIC_SCHEMA_FILE = join(SCHEMA_DIR, 'public.graphql');

/**
 * Composition hints we accept on purpose, by code. Every other hint fails composition,
 * so a new one is either fixed or added here with its reason.
 */
export const ACCEPTED_HINTS: Record<string, string> = {};

interface SupergraphConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

export interface CompositionResult {
  supergraphSdl?: string;
  problems: string[];
}

/** Composes the subgraph SDL files listed in supergraph.yaml. */
export function composeSupergraph(): CompositionResult {
  const config = parseYaml(readFileSync(join(SCHEMA_DIR, 'supergraph.yaml'), 'utf8')) as SupergraphConfig;
  const services = Object.entries(config.subgraphs).map(([name, subgraph]) => ({
    name,
    url: subgraph.routing_url,
    typeDefs: parse(readFileSync(join(SCHEMA_DIR, subgraph.schema.file), 'utf8')),
  }));
  const result = composeServices(services);
  const hints = (result.hints ?? []).filter((hint) => !(hint.definition.code in ACCEPTED_HINTS)).map((hint) => `hint ${hint.definition.code}: ${hint.message}`);
  if (result.errors) return { problems: [...result.errors.map((error) => `error: ${error.message}`), ...hints] };
  return { supergraphSdl: result.supergraphSdl, problems: hints };
}

/** The schema the gateway serves to clients: the supergraph's API schema, without join__/link__ machinery. */
export function clientSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The client schema as SDL, sorted by name so a change shows as a small diff. */
export function printClientSchema(supergraphSdl: string): string {
  return `${printSchema(lexicographicSortSchema(clientSchema(supergraphSdl)))}\n`;
}

if (require.main === module) {
  const { supergraphSdl, problems } = composeSupergraph();
  if (problems.length > 0 || !supergraphSdl) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  writeFileSync(SUPERGRAPH_FILE, supergraphSdl);
  writeFileSync(PUBLIC_SCHEMA_FILE, printClientSchema(supergraphSdl));
  console.log(`wrote ${SUPERGRAPH_FILE} and ${PUBLIC_SCHEMA_FILE}`);
}
