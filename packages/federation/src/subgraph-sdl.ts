import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';

function repositoryRoot(from = __dirname): string {
  let folder = from;
  while (!existsSync(join(folder, 'turbo.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('turbo.json not found above ' + from);
    folder = parent;
  }
  return folder;
}

/** Where a subgraph's SDL file is kept: schema/<name>.graphql, read by composition. */
export function subgraphSdlPath(name: string): string {
  return join(repositoryRoot(), 'schema', `${name}.graphql`);
}

export function printSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}

export function writeSubgraphSdl(schema: GraphQLSchema, name: string): void {
  writeFileSync(subgraphSdlPath(name), printSdl(schema));
}

export function readSubgraphSdl(name: string): string {
  return readFileSync(subgraphSdlPath(name), 'utf8');
}
