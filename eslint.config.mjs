// Lint that holds the dependency rules of the architecture (docs/architecture.md): services never
// import each other, the gateway holds no database code, shared code flows downward, a module's
// entities stay inside it, services get a tenant scope instead of the DataSource. `npm test` runs it,
// after scripts/lint-rules.test.mjs has shown that each of these rules reports a violation.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Packages that assemble or exercise several modules, so they may import modules. */
const MODULE_COMPOSERS = ['store', 'provisioning', 'testing', 'stack'];

/** Subfolders of `folder` under `root` (a layout the repository does not have yet gives none). */
function foldersIn(root, folder) {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
}

/** Workspace package name → folder, from the root package.json `workspaces` (`dir` or `dir/*`). */
function workspacePackages(root) {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const folders = workspaces.flatMap((pattern) =>
    pattern.endsWith('/*') ? foldersIn(root, pattern.slice(0, -2)).map((name) => join(root, pattern.slice(0, -2), name)) : [join(root, pattern)],
  );
  const packages = new Map();
  for (const folder of folders) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) packages.set(JSON.parse(readFileSync(manifest, 'utf8')).name, folder);
  }
  return packages;
}

/** First of `candidates` that is a file. */
function firstFile(candidates) {
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/**
 * Resolves `@tenantry/<name>[/<subpath>]` to the workspace's TypeScript source (its `main`, with
 * `dist/*.js` read as `src/*.ts`), so zones see the real folder whether or not `dist` is built.
 * Anything else falls through to the TypeScript resolver, which follows node_modules symlinks.
 */
function workspaceResolver(root) {
  const packages = workspacePackages(root);
  return {
    interfaceVersion: 3,
    name: 'tenantry-workspaces',
    resolve(modulePath) {
      const name = [...packages.keys()].find((candidate) => modulePath === candidate || modulePath.startsWith(`${candidate}/`));
      if (!name) return { found: false };
      const folder = packages.get(name);
      const subpath = modulePath.slice(name.length + 1);
      const target = subpath || JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).main || 'src/index.ts';
      const source = target.replace(/^dist\//, 'src/').replace(/\.js$/, '');
      const path = firstFile([join(folder, target), `${join(folder, source)}.ts`, join(folder, source, 'index.ts'), join(folder, 'src/index.ts')]);
      return path ? { found: true, path } : { found: false };
    },
  };
}

/** The `import-x/no-restricted-paths` zones, one per dependency rule of the architecture. */
export function dependencyZones(root, { databaseInGateway = false } = {}) {
  const services = foldersIn(root, 'services');
  const modules = foldersIn(root, 'modules');
  const everywhere = ['./gateway', './packages', './services', './modules', './schema', './scripts'];
  return [
    ...services.map((service) => ({
      target: `./services/${service}`,
      from: './services',
      except: [`./${service}`],
      message: 'A service never imports another service: subgraphs meet only through federation.',
    })),
    {
      target: everywhere.filter((folder) => folder !== './services'),
      from: './services',
      message: 'Nothing imports a service: it is a process, reached over HTTP.',
    },
    {
      target: everywhere.filter((folder) => folder !== './gateway'),
      from: './gateway',
      message: 'Nothing imports the gateway: it is the edge process, and shared code flows downward.',
    },
    ...(databaseInGateway
      ? []
      : [
          {
            target: './gateway',
            from: ['./packages/database', './packages/store', './modules'],
            message: 'The gateway holds no database code: it knows subgraphs only by URL.',
          },
        ]),
    {
      target: `./packages/!(${MODULE_COMPOSERS.join('|')})/**`,
      from: './modules',
      message: `Shared code flows downward: only ${MODULE_COMPOSERS.map((name) => `packages/${name}`).join(', ')} compose modules.`,
    },
    {
      target: ['./gateway', './packages', './services', './modules'],
      from: './schema',
      message: 'schema/ holds generated SDL and its composition: no runtime code imports it.',
    },
    ...modules.map((module) => ({
      target: everywhere.filter((folder) => folder !== './modules').concat(modules.filter((other) => other !== module).map((other) => `./modules/${other}`)),
      from: [`./modules/${module}/**/*.entity.ts`],
      message: `Entities of modules/${module} stay inside it: use the functions the module exports.`,
    })),
  ];
}

/** Entity class names each module declares (`export class XRecord` in its `*.entity.ts` files). */
function moduleEntities(root) {
  const entities = new Map();
  const walk = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : name.endsWith('.entity.ts') ? [path] : [];
    });
  for (const module of foldersIn(root, 'modules')) {
    const source = join(root, 'modules', module, 'src');
    const names = existsSync(source)
      ? walk(source).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/export class (\w+)/g)].map((match) => match[1]))
      : [];
    entities.set(module, names);
  }
  return entities;
}

/**
 * Who may import which entity classes: a module's entities (re-exported by its index for the store
 * and for tests) are used only by the module and the subgraph of the same name; everyone else calls
 * the functions the module exports. Services also never get the DataSource.
 */
function entityOwnershipConfigs(root) {
  const entities = moduleEntities(root);
  const foreignEntities = (owner) =>
    [...entities]
      .filter(([module, names]) => module !== owner && names.length)
      .map(([module, names]) => ({
        name: `@tenantry/${module}-module`,
        importNames: names,
        message: `Entities of modules/${module} are used only by that module and its subgraph: call the functions it exports.`,
      }));
  const dataSource = ['@tenantry/database', '@tenantry/store'].map((name) => ({ name, importNames: ['DataSource'], message: DATA_SOURCE_MESSAGE }));
  const restrict = (paths, patterns = []) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });
  return [
    ...foldersIn(root, 'services').map((service) => ({
      files: [`services/${service}/src/**/*.ts`],
      ignores: ['services/*/src/main.ts', 'services/*/src/server.ts', 'services/*/src/context.ts', 'services/**/*.job.ts', ...TEST_CODE],
      rules: restrict([...dataSource, ...foreignEntities(service)], [{ group: ['typeorm', 'typeorm/*'], message: DATA_SOURCE_MESSAGE }]),
    })),
    {
      files: ['packages/provisioning/src/**/*.ts', 'packages/stack/src/**/*.ts'],
      ignores: TEST_CODE,
      rules: restrict(foreignEntities(null)),
    },
  ];
}

/** Test-only code, as each workspace's tsconfig.build.json leaves it out of the build. */
const TEST_CODE = ['**/*.test.ts', '**/*.bench.ts', '**/src/testing/**'];

const DATA_SOURCE_MESSAGE =
  'A service gets its per-request tenant scope, never the DataSource: only main.ts, server.ts, context.ts (the composition root) and *.job.ts system jobs touch it.';

/** The whole configuration for a repository at `root` (a fixture root in scripts/lint-rules.test.mjs). */
export function tenantryConfig(root) {
  const basePath = realpathSync(root);
  return defineConfig([
    globalIgnores(['**/dist/', '**/coverage/', 'var/', '.turbo/']),
    {
      linterOptions: { reportUnusedDisableDirectives: 'error' },
      plugins: { 'import-x': importX },
      settings: {
        'import-x/resolver-next': [workspaceResolver(basePath), createTypeScriptImportResolver()],
      },
      rules: {
        'import-x/no-restricted-paths': ['error', { basePath, zones: dependencyZones(basePath) }],
        'import-x/no-default-export': 'error',
      },
    },
    { files: ['**/*.{js,mjs,cjs,ts}'], extends: [js.configs.recommended] },
    {
      files: ['**/*.{ts,tsx}'],
      extends: [tseslint.configs.recommended],
      languageOptions: {
        // Lets consistent-type-imports leave files with decorators alone: type-graphql and TypeORM read
        // the emitted design:type metadata, which needs the value import.
        parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
      },
      rules: {
        // Relaxed: a leading underscore names a parameter an interface requires but this code ignores
        // (TypeORM's Logger.writeLog), and rest destructuring drops keys on purpose (formatPublicError).
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
        '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      },
    },
    { files: ['**/*.{ts,mjs}'], languageOptions: { globals: globals.node } },
    {
      // The account pages' and the embedded login's browser scripts (gateway/src/{pages,embed}/assets), served as is.
      files: ['gateway/src/pages/assets/**/*.js', 'gateway/src/embed/assets/**/*.js'],
      languageOptions: { sourceType: 'script', globals: globals.browser },
    },
    {
      // The playground's browser code (gateway/src/playground/client), bundled by esbuild at the gateway's build.
      files: ['gateway/src/playground/client/**/*.{ts,tsx}'],
      languageOptions: { globals: globals.browser },
    },
    {
      // Tools that find their configuration through a default export.
      files: ['*.config.{ts,mjs,js}'],
      rules: { 'import-x/no-default-export': 'off' },
    },
    ...entityOwnershipConfigs(basePath),
    {
      // Request state is passed, never found through AsyncLocalStorage (docs/architecture.md: the request path).
      files: ['**/*.ts'],
      ignores: TEST_CODE,
      rules: {
        'no-restricted-syntax': [
          'error',
          {
            selector: 'ImportDeclaration[source.value=/^(node:)?async_hooks$/]',
            message: "async_hooks' promise hooks run on every promise (docs/architecture.md: the request path): pass the request's scope or context instead.",
          },
        ],
      },
    },
    {
      // Test clients read GraphQL answers of any shape; each test says what it expects of them.
      files: [...TEST_CODE, 'packages/testing/src/**'],
      rules: { '@typescript-eslint/no-explicit-any': 'off' },
    },
    {
      // The gateway's end-to-end tests and their fixtures (left out of its build) seed and inspect
      // the database behind the graph they drive; the gateway itself never touches it.
      files: ['gateway/src/**/*.test.ts', 'gateway/src/testing/**', 'gateway/src/authorization/**'],
      rules: { 'import-x/no-restricted-paths': ['error', { basePath, zones: dependencyZones(basePath, { databaseInGateway: true }) }] },
    },
    {
      files: ['gateway/**/*.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: ['typeorm', 'typeorm/*', 'mysql2', 'mysql2/*', 'better-sqlite3'],
                message: 'The gateway holds no database code: it knows subgraphs only by URL.',
              },
            ],
          },
        ],
      },
    },
    prettier,
  ]);
}

export default tenantryConfig(import.meta.dirname);
