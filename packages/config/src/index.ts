export * from './environment';
export * from './local-secrets';
export * from './lifecycle';
export * from './defaults';
export * from './languages';
