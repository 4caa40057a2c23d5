// Shows that every rule eslint.config.mjs holds reports a violation (and leaves the allowed case alone),
// so a green `npm run lint` means something. Dependency zones are checked on a fixture repository with
// the modules/* and packages/store layout, built in a temporary folder, and once on this repository
// itself, where package names resolve through node_modules symlinks. Run by `npm test`.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ESLint } from 'eslint';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import * as prettier from 'prettier';
import { tenantryConfig } from '../eslint.config.mjs';

const repository = realpathSync(join(import.meta.dirname, '..'));

/** Files of the fixture repository: just enough for every zone to have both sides. */
const fixtureFiles = {
  'package.json': { workspaces: ['packages/*', 'modules/*', 'services/*', 'gateway', 'schema'] },
  'services/users/package.json': { name: '@tenantry/users', main: 'dist/main.js' },
  'services/users/src/main.ts': 'export const main = 1;\n',
  'services/users/src/user/user.service.ts': 'export const userService = 1;\n',
  'services/organisations/package.json': { name: '@tenantry/organisations', main: 'dist/main.js' },
  'services/organisations/src/main.ts': 'export const main = 1;\n',
  'services/organisations/src/server.ts': 'export const server = 1;\n',
  'gateway/package.json': { name: '@tenantry/gateway', main: 'dist/index.js' },
  'gateway/src/index.ts': 'export const gateway = 1;\n',
  'schema/package.json': { name: '@tenantry/schema', main: 'dist/compose.js' },
  'schema/src/compose.ts': 'export const compose = 1;\n',
  'modules/users/package.json': { name: '@tenantry/users-module', main: 'dist/index.js' },
  'modules/users/src/index.ts': 'export const usersEntities = [];\n',
  'modules/users/src/user/user.entity.ts': 'export class UserRecord {}\n',
  'modules/users/src/user/user.queries.ts': 'export const userQueries = 1;\n',
  'modules/organisations/package.json': { name: '@tenantry/organisations-module', main: 'dist/index.js' },
  'modules/organisations/src/index.ts': 'export const organisationsEntities = [];\n',
  'modules/organisations/src/organisation/organisation.entity.ts': 'export class OrganisationRecord {}\n',
  ...Object.fromEntries(
    ['database', 'store', 'auth', 'mail', 'provisioning', 'testing', 'stack'].flatMap((name) => [
      [`packages/${name}/package.json`, { name: `@tenantry/${name}`, main: 'dist/index.js' }],
      [`packages/${name}/src/index.ts`, 'export class DataSource {}\nexport class EntityManager {}\nexport const In = 1;\n'],
    ]),
  ),
};

let fixture;
let fixtureLint;
/** Also reports unresolved imports: an allowed case must be allowed, not merely unresolved. */
let zoneLint;

before(() => {
  fixture = realpathSync(mkdtempSync(join(tmpdir(), 'tenantry-lint-')));
  for (const [path, content] of Object.entries(fixtureFiles)) {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  fixtureLint = new ESLint({ cwd: fixture, overrideConfigFile: true, overrideConfig: tenantryConfig(fixture) });
  zoneLint = new ESLint({
    cwd: fixture,
    overrideConfigFile: true,
    overrideConfig: [...tenantryConfig(fixture), { rules: { 'import-x/no-unresolved': 'error' } }],
  });
});

after(() => rmSync(fixture, { recursive: true, force: true }));

/** Rule ids reported for `code` written at `path` (relative to `root`), one entry per report. */
async function reportedRules(eslint, root, path, code) {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  const fatal = result.messages.find((message) => message.fatal);
  assert.equal(fatal, undefined, fatal?.message);
  return result.messages.map((message) => message.ruleId);
}

/** [file, import source, whether the zone rule must report it] */
const zoneCases = [
  // services/* never import each other, by package name or by path
  ['services/users/src/user/user.resolver.ts', '@tenantry/organisations', true],
  ['services/users/src/user/user.resolver.ts', '../../../organisations/src/server', true],
  ['services/users/src/user/user.resolver.ts', './user.service', false],
  ['services/users/src/user/user.resolver.ts', '../main', false],
  // nothing imports a service
  ['gateway/src/gateway.ts', '@tenantry/users', true],
  ['packages/testing/src/harness.ts', '@tenantry/users', true],
  ['packages/stack/src/launch.ts', '../../../services/users/src/main', true],
  ['modules/users/src/user/user.queries.ts', '@tenantry/organisations', true],
  ['schema/src/compose.test.ts', '@tenantry/users', true],
  // nothing imports the gateway
  ['packages/testing/src/harness.ts', '@tenantry/gateway', true],
  ['services/users/src/user/user.resolver.ts', '../../../../gateway/src/index', true],
  // the gateway holds no database code
  ['gateway/src/gateway.ts', '@tenantry/database', true],
  ['gateway/src/gateway.ts', '@tenantry/store', true],
  ['gateway/src/gateway.ts', '@tenantry/users-module', true],
  ['gateway/src/testing/seed.ts', '@tenantry/users-module', false],
  ['gateway/src/gateway.test.ts', '../../packages/database/src/index', false],
  ['gateway/src/gateway.ts', '@tenantry/auth', false],
  // packages import no module, except those that compose modules
  ['packages/auth/src/principal.ts', '@tenantry/users-module', true],
  ['packages/database/src/data-source.ts', '../../../modules/organisations/src/index', true],
  ['packages/mail/src/outbox.ts', '@tenantry/organisations-module', true],
  ['packages/store/src/data-source.ts', '@tenantry/users-module', false],
  ['packages/provisioning/src/provision.ts', '@tenantry/organisations-module', false],
  ['packages/testing/src/seed.ts', '@tenantry/users-module', false],
  ['packages/stack/src/demo-data.ts', '@tenantry/users-module', false],
  ['packages/store/src/data-source.ts', '@tenantry/database', false],
  // schema/ is imported by no runtime code
  ['gateway/src/gateway.ts', '@tenantry/schema', true],
  ['services/users/src/schema.ts', '../../../schema/src/compose', true],
  ['packages/federation/src/build.ts', '@tenantry/schema', true],
  ['modules/users/src/index.ts', '@tenantry/schema', true],
  // a module's entities are imported only inside that module
  ['modules/users/src/user/user.queries.ts', './user.entity', false],
  ['modules/users/src/index.ts', './user/user.entity', false],
  ['modules/organisations/src/index.ts', '../../users/src/user/user.entity', true],
  ['packages/store/src/data-source.ts', '../../../modules/users/src/user/user.entity', true],
  ['services/users/src/user/user.service.ts', '../../../../modules/users/src/user/user.entity', true],
  ['services/users/src/user/user.service.ts', '@tenantry/users-module', false],
  ['packages/testing/src/seed.ts', '../../../modules/users/src/user/user.entity', true],
];

describe('dependency zones (import-x/no-restricted-paths)', () => {
  for (const [file, source, reported] of zoneCases) {
    test(`${file} importing ${source} is ${reported ? 'reported' : 'allowed'}`, async () => {
      const rules = await reportedRules(zoneLint, fixture, file, `import { x } from '${source}';\nexport const y = x;\n`);
      assert.deepEqual(rules, reported ? ['import-x/no-restricted-paths'] : []);
    });
  }

  test('on this repository, a service importing another by package name is reported (resolved through node_modules)', async () => {
    const eslint = new ESLint({ cwd: repository });
    const rules = await reportedRules(
      eslint,
      repository,
      'services/users/src/lint-probe.ts',
      "import { x } from '@tenantry/organisations';\nexport const y = x;\n",
    );
    assert.deepEqual(rules, ['import-x/no-restricted-paths']);
  });

  const built = existsSync(join(repository, 'services/organisations/dist/main.js'));
  test('without the workspace resolver, the TypeScript resolver follows the symlink to the real folder', { skip: !built && 'run npm run build first' }, () => {
    const { found, path } = createTypeScriptImportResolver().resolve('@tenantry/organisations', join(repository, 'services/users/src/lint-probe.ts'));
    assert.ok(found);
    assert.ok(path.startsWith(join(repository, 'services/organisations/')), path);
  });
});

/** [file, code, rule ids that must be reported] */
const ruleCases = [
  // services get a tenant scope, never the DataSource or typeorm
  ['services/users/src/user/user.service.ts', "import { DataSource } from '@tenantry/database';\nexport const d = DataSource;\n", ['no-restricted-imports']],
  ['services/users/src/user/user.service.ts', "import type { EntityManager } from '@tenantry/database';\nexport type M = EntityManager;\n", []],
  ['services/users/src/context.ts', "import { DataSource } from '@tenantry/database';\nexport const d = DataSource;\n", []],
  // a module's entity classes serve only the module and the subgraph of its name
  ['services/users/src/user/user.service.ts', "import { UserRecord } from '@tenantry/users-module';\nexport const u = UserRecord;\n", []],
  [
    'services/users/src/user/user.service.ts',
    "import { OrganisationRecord } from '@tenantry/organisations-module';\nexport const o = OrganisationRecord;\n",
    ['no-restricted-imports'],
  ],
  ['packages/provisioning/src/provision.ts', "import { UserRecord } from '@tenantry/users-module';\nexport const u = UserRecord;\n", ['no-restricted-imports']],
  ['packages/provisioning/src/provision.ts', "import { usersEntities } from '@tenantry/users-module';\nexport const u = usersEntities;\n", []],
  ['services/users/src/user/user.service.ts', "import { DataSource } from '@tenantry/store';\nexport const d = DataSource;\n", ['no-restricted-imports']],
  ['services/users/src/user/user.service.ts', "import { Repository } from 'typeorm';\nexport const r = Repository;\n", ['no-restricted-imports']],
  ['services/users/src/user/user.loaders.ts', "import { In } from 'typeorm/find-options/operator/In';\nexport const i = In;\n", ['no-restricted-imports']],
  ['services/users/src/user/user.service.ts', "import { In } from '@tenantry/database';\nexport const i = In;\n", []],
  ['services/users/src/main.ts', "import { DataSource } from '@tenantry/database';\nexport const d = DataSource;\n", []],
  ['services/users/src/server.ts', "import { DataSource } from 'typeorm';\nexport const d = DataSource;\n", []],
  ['services/users/src/lifecycle/archive-purge.job.ts', "import { DataSource } from '@tenantry/database';\nexport const d = DataSource;\n", []],
  ['services/users/src/user/user.service.test.ts', "import { DataSource } from '@tenantry/database';\nexport const d = DataSource;\n", []],
  ['services/users/src/testing/users.testkit.ts', "import { DataSource } from '@tenantry/database';\nexport const d = DataSource;\n", []],
  ['services/users/src/shield.bench.ts', "import { DataSource } from 'typeorm';\nexport const d = DataSource;\n", []],
  // nor does the gateway reach a database driver directly
  ['gateway/src/gateway.ts', "import { DataSource } from 'typeorm';\nexport const d = DataSource;\n", ['no-restricted-imports']],
  ['gateway/src/gateway.e2e.test.ts', "import { createConnection } from 'mysql2/promise';\nexport const c = createConnection;\n", ['no-restricted-imports']],
  // request state is passed, not found through AsyncLocalStorage (its promise hooks cost every promise)
  [
    'packages/federation/src/request-scope.ts',
    "import { AsyncLocalStorage } from 'node:async_hooks';\nexport const s = new AsyncLocalStorage();\n",
    ['no-restricted-syntax'],
  ],
  [
    'gateway/src/timeouts/deadlines.ts',
    "import { AsyncLocalStorage } from 'async_hooks';\nexport const s = new AsyncLocalStorage();\n",
    ['no-restricted-syntax'],
  ],
  ['gateway/src/gateway.e2e.test.ts', "import { AsyncLocalStorage } from 'node:async_hooks';\nexport const s = new AsyncLocalStorage();\n", []],
  // named exports only, except configuration files that need a default export
  ['packages/auth/src/principal.ts', 'export default 1;\n', ['import-x/no-default-export']],
  ['jest.config.ts', 'export default {};\n', []],
  ['eslint.config.mjs', 'export default [];\n', []],
  // type-only imports say so, except in files with decorators (their design:type metadata needs the value)
  ['packages/auth/src/principal.ts', "import { In } from '@tenantry/database';\nexport type I = typeof In;\n", ['@typescript-eslint/consistent-type-imports']],
  [
    'services/users/src/user/user.type.ts',
    "import { UserRecord } from '@tenantry/users-module';\ndeclare const Field: () => PropertyDecorator;\nexport class UserType {\n  @Field() user: UserRecord;\n}\n",
    [],
  ],
  // typescript-eslint recommended
  ['packages/auth/src/principal.ts', 'export const anything: any = 1;\n', ['@typescript-eslint/no-explicit-any']],
  ['packages/auth/src/principal.ts', 'const unused = 1;\nexport const used = 2;\n', ['@typescript-eslint/no-unused-vars']],
  ['packages/auth/src/principal.ts', 'export function log(_level: string): void {}\n', []],
  // the account pages' script runs in a browser
  ['gateway/src/pages/assets/account.js', "document.title = 'x';\nundefinedThing();\n", ['no-undef']],
];

describe('rules', () => {
  for (const [file, code, rules] of ruleCases) {
    test(`${file}: ${JSON.stringify(code.split('\n')[0])} reports ${rules.join(', ') || 'nothing'}`, async () => {
      assert.deepEqual(await reportedRules(fixtureLint, fixture, file, code), rules);
    });
  }
});

describe('prettier', () => {
  test("the repository's options reject code that is not formatted and accept code that is", async () => {
    const filepath = join(repository, 'packages/auth/src/probe.ts');
    const options = { ...(await prettier.resolveConfig(filepath)), filepath };
    assert.equal(await prettier.check('const a = {"b": "c"}\n', options), false);
    assert.equal(await prettier.check("const a = { b: 'c' };\n", options), true);
    assert.equal(await prettier.check(`export const list = [${'"item", '.repeat(30)}];\n`, options), false);
  });

  test('generated files and prose are left alone', async () => {
    for (const path of ['package-lock.json', 'schema/supergraph.graphql', 'README.md', 'packages/database/src/migrations/sqlite/1795472340981-Initial.ts']) {
      const { ignored } = await prettier.getFileInfo(join(repository, path), { ignorePath: join(repository, '.prettierignore') });
      assert.ok(ignored, path);
    }
    const { ignored } = await prettier.getFileInfo(join(repository, 'packages/database/src/migrations/sqlite/index.ts'), {
      ignorePath: join(repository, '.prettierignore'),
    });
    assert.equal(ignored, false);
  });
});
