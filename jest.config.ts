import { readdirSync } from 'node:fs';
import type { Config } from 'jest';

const workspaces = [
  ...['packages', 'services'].flatMap((folder) => readdirSync(`${__dirname}/${folder}`).map((name) => `${folder}/${name}`)),
  'gateway',
  'schema',
];

/** Every workspace is a jest project; tests run from TypeScript sources, never from dist. */
const config: Config = {
  projects: workspaces.map((workspace) => ({
    displayName: workspace,
    testEnvironment: 'node',
    roots: [`<rootDir>/${workspace}/src`],
    testMatch: ['**/*.test.ts'],
    transform: {
      // Type errors are caught by `npm run typecheck` (part of `npm test`); here we only transpile.
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.base.json', isolatedModules: true }],
    },
    moduleNameMapper: {
      '^@tenantry/(config|federation|auth|database|mail|testing|stack|provisioning)$': '<rootDir>/packages/$1/src',
    },
  })),
  testTimeout: 60_000,
};

export default config;
