export * from './environment';
export * from './local-secrets';
export * from './lifecycle';
