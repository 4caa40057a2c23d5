export * from './errors';
export * from './password';
export * from './principal';
export * from './tokens';
export * from './permission-catalog';
export * from './rules';
export * from './verified-tokens';
