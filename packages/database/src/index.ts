export * from './data-source';
export * from './query-counter';
export * from './columns';
export { DataSource, EntityManager, In, IsNull, Repository } from 'typeorm';
export * from './transaction';
export * from './unique-violation';
export * from './request-scope';
