export * from './configuration-error';
export * from './environment';
export * from './subgraph-registry';
export * from './local-secrets';
export * from './lifecycle';
export * from './defaults';
export * from './languages';
export * from './origins';
