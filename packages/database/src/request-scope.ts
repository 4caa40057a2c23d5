import type { DataSource, EntityManager } from 'typeorm';
import { withAutocommit, withTransaction } from './transaction';

/**
 * The database as one request sees it, built once per request by a subgraph's composition root
 * (its context): services work through it and never hold the DataSource (docs/architecture.md).
 */
export interface RequestDatabase {
  /** For reads outside a transaction. */
  readonly manager: EntityManager;
  /** Runs `work` in one transaction: it all commits or nothing does (withTransaction). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** Runs one write statement that commits by itself (withAutocommit). */
  autocommit<T>(write: (manager: EntityManager) => Promise<T>): Promise<T>;
}

export function requestDatabase(dataSource: DataSource): RequestDatabase {
  return {
    manager: dataSource.manager,
    transaction: (work) => withTransaction(dataSource, work),
    autocommit: (write) => withAutocommit(dataSource, write),
  };
}
