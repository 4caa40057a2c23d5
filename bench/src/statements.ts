import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createConnection } from 'mysql2/promise';

/** What one request made the subgraphs send MariaDB, read from the general log. */
export interface StatementCount {
  total: number;
  /** The statements, first words only, most frequent first: what was counted. */
  kinds: Record<string, number>;
}

/**
 * Counts the statements MariaDB receives while `request` runs, on the connections that use
 * `database` (the subgraphs'; the suite's own connection is idle meanwhile), from the general log
 * (log_output=TABLE), switched on only for the window. Every Query and Execute counts, transaction
 * statements included.
 */
export async function countStatements(adminUrl: string, database: string, request: () => Promise<void>): Promise<StatementCount> {
  const admin: Connection = await createConnection(adminUrl);
  try {
    const [[{ output }]] = await admin.query<RowDataPacket[]>('SELECT @@global.log_output AS output');
    await admin.query("SET GLOBAL log_output = 'TABLE'");
    await admin.query('SET GLOBAL general_log = 1');
    const [[{ since }]] = await admin.query<RowDataPacket[]>('SELECT NOW(6) AS since');
    try {
      await request();
    } finally {
      await admin.query('SET GLOBAL general_log = 0');
      await admin.query('SET GLOBAL log_output = ?', [output]);
    }
    const [rows] = await admin.query<RowDataPacket[]>(
      `SELECT CONVERT(argument USING utf8mb4) AS statement FROM mysql.general_log
        WHERE event_time >= ? AND command_type IN ('Query', 'Execute')
          AND thread_id IN (SELECT id FROM information_schema.processlist WHERE db = ?)`,
      [since, database],
    );
    const kinds: Record<string, number> = {};
    for (const { statement } of rows as { statement: string }[]) {
      const table = /(?:FROM|INTO|UPDATE)\s+`?(\w+)`?/i.exec(statement)?.[1];
      const kind = [statement.trim().split(/\s+/)[0].toUpperCase(), table].filter(Boolean).join(' ');
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    return { total: rows.length, kinds };
  } finally {
    await admin.end();
  }
}
