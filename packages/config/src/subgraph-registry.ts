import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigurationError } from './configuration-error';

/** One subgraph as `schema/supergraph.yaml` declares it, with the variables that override it. */
export interface Subgraph {
  /** Its name in the supergraph (`@join__graph(name:)`), also the launcher's name for the process. */
  name: string;
  /** Where the gateway reaches it unless {@link Subgraph.urlVariable} is set. */
  routingUrl: string;
  /** The port it listens on unless {@link Subgraph.portVariable} is set. */
  port: number;
  /** The package the launcher starts it from. */
  workspace: string;
  /** The built script of that package the launcher runs, relative to the package. */
  entry: string;
  /** `<NAME>_PORT`. */
  portVariable: string;
  /** `SUBGRAPH_URL_<NAME>`. */
  urlVariable: string;
}

const entrySchema = z.object({
  routing_url: z.string().url('must be an absolute URL'),
  port: z.number({ error: 'must be a port number' }).int('must be a whole number').min(1).max(65535),
  workspace: z.string().min(1, 'must name the package the launcher starts'),
  entry: z.string().min(1, 'must name the built script the launcher runs'),
});

// Other keys (federation_version, each subgraph's schema file) are the composition's (schema/src/compose.ts).
const registrySchema = z.object({
  subgraphs: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'names are lower-case letters, digits and dashes'), entrySchema),
});

/** `user-profiles` → `USER_PROFILES`: the part of each variable that names the subgraph. */
function variableStem(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/** Reads a registry's text; `source` names the file in the error listing every bad entry. */
export function parseSubgraphRegistry(text: string, source: string): Subgraph[] {
  const parsed = registrySchema.safeParse(parseYaml(text));
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((issue) => `${source}: ${issue.path.join('.')} ${issue.message}`));
  }
  return Object.entries(parsed.data.subgraphs).map(([name, entry]) => ({
    name,
    routingUrl: entry.routing_url,
    port: entry.port,
    workspace: entry.workspace,
    entry: entry.entry,
    portVariable: `${variableStem(name)}_PORT`,
    urlVariable: `SUBGRAPH_URL_${variableStem(name)}`,
  }));
}

/** The registry file, found from the installed `@tenantry/schema` package, wherever the process runs from. */
function subgraphRegistryFile(): string {
  return join(dirname(require.resolve('@tenantry/schema/package.json')), 'supergraph.yaml');
}

let registry: readonly Subgraph[] | undefined;

/** Every subgraph of the graph, in the registry's order; read once per process. */
export function subgraphRegistry(): readonly Subgraph[] {
  if (!registry) {
    const file = subgraphRegistryFile();
    registry = parseSubgraphRegistry(readFileSync(file, 'utf8'), file);
  }
  return registry;
}
