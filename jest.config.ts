import { readdirSync } from 'node:fs';
import type { Config } from 'jest';

const workspaces = [
  ...['packages', 'modules', 'services'].flatMap((folder) => readdirSync(`${__dirname}/${folder}`).map((name) => `${folder}/${name}`)),
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
      // isolatedModules: only transpile; type errors are caught by `npm run typecheck` (part of `npm test`).
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
    },
    moduleNameMapper: {
      '^@tenantry/(config|federation|auth|database|mail|testing|stack|provisioning|store)$': '<rootDir>/packages/$1/src',
      '^@tenantry/(organisations|users|permissions)-module$': '<rootDir>/modules/$1/src',
    },
  })),
  testTimeout: 60_000,
};

export default config;
