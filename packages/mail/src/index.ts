export * from './outbox';
export * from './transport';
export * from './sender';
