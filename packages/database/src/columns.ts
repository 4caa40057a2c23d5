import type { PrimaryColumnOptions } from 'typeorm';

/** Ids are UUIDs made in code, so a row's id is known before it is written. */
export const idColumn = { type: 'varchar' as const, length: 36 } satisfies PrimaryColumnOptions;

/** Millisecond timestamps stored the same way on MySQL and SQLite. */
export const timestampColumn = { type: 'datetime' as const, precision: 3 } satisfies PrimaryColumnOptions;
