import { QueryFailedError } from 'typeorm';

/**
 * Whether a write failed on the named unique index: lets a use case turn a lost race into the
 * same clear error its own check gives (MySQL names the index; SQLite names the columns).
 */
export function isUniqueViolation(error: unknown, index: string, columns: string[]): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  const message = driverError?.message ?? error.message;
  if (driverError?.code === 'ER_DUP_ENTRY') return message.includes(index);
  if (driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE') return columns.every((column) => message.includes(`.${column}`));
  return false;
}
