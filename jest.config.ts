import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Config } from 'jest';

interface Workspace {
  folder: string;
  name: string;
  /** Where `@tenantry/<name>` resolves in tests: the source of the package's `main` (dist/x.js → src/x), else `src`. */
  source: string;
}

/** The folders the root package.json declares as workspaces (`dir/*` or `dir`); a missing folder is skipped. */
function workspaceFolders(): string[] {
  const { workspaces } = JSON.parse(readFileSync(join(__dirname, 'package.json'), 'utf8')) as { workspaces: string[] };
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return existsSync(join(__dirname, parent)) ? readdirSync(join(__dirname, parent)).map((child) => `${parent}/${child}`) : [];
  });
}

function readWorkspace(folder: string): Workspace | undefined {
  const manifest = join(__dirname, folder, 'package.json');
  if (!existsSync(manifest) || !existsSync(join(__dirname, folder, 'src'))) return undefined;
  const { name, main } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; main?: string };
  const fromMain = main && /^dist\/(.+)\.js$/.exec(main)?.[1];
  return { folder, name, source: fromMain ? `${folder}/src/${fromMain}` : `${folder}/src` };
}

const workspaces = workspaceFolders()
  .map(readWorkspace)
  .filter((workspace): workspace is Workspace => workspace !== undefined);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Servers log JSON lines at LOG_LEVEL (default info); tests are quiet unless asked (jest's workers and the processes they start inherit this).
process.env.LOG_LEVEL ??= 'silent';

/** Every workspace is a jest project; tests run from TypeScript sources, never from dist. */
const config: Config = {
  projects: workspaces.map(({ folder }) => ({
    displayName: folder,
    testEnvironment: 'node',
    roots: [`<rootDir>/${folder}/src`],
    testMatch: ['**/*.test.ts'],
    transform: {
      // isolatedModules: only transpile; type errors are caught by `npm run typecheck` (part of `npm test`).
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
    },
    // Only the bare package name: `@tenantry/x/package.json` still resolves the installed package (its folder).
    moduleNameMapper: Object.fromEntries(workspaces.map(({ name, source }) => [`^${escapeRegExp(name)}$`, `<rootDir>/${source}`])),
  })),
  testTimeout: 60_000,
  // One test file per core, not jest's cores − 1: most files spend their time waiting on the graph's
  // processes they start, so on 2 cores a second worker halves the suite's wall time.
  maxWorkers: availableParallelism(),
};

export default config;
