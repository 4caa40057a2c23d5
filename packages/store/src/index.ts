export * from './product-schema';
export * from './resolve-principal';
