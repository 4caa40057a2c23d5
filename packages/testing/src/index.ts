export * from './test-database';
export * from './graphql-client';
export * from './subgraph-harness';
export * from './seed';
export * from './row-snapshot';
export * from './launcher-process';
export * from './bulk-customers';
export * from './bulk-users';
