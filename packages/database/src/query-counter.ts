import type { LogLevel, LogMessage, QueryRunner } from 'typeorm';
import { AbstractLogger } from 'typeorm';

/** Counts the SQL statements a data source runs, so tests can prove batching. */
export class QueryCounter extends AbstractLogger {
  readonly statements: string[] = [];

  logQuery(query: string): void {
    this.statements.push(query);
  }

  /** SELECT statements seen since the last reset. */
  get selects(): string[] {
    return this.statements.filter((statement) => /^\s*select/i.test(statement));
  }

  reset(): void {
    this.statements.length = 0;
  }

  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[], _queryRunner?: QueryRunner): void {
    // Only logQuery matters; everything else is dropped on purpose.
  }
}
