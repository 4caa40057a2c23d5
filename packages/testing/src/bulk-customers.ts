import { randomUUID } from 'node:crypto';

/** Runs SQL with `?` placeholders: a TypeORM DataSource or EntityManager, whatever package holds the entities. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** A database that can also run work in one transaction (a TypeORM DataSource). */
export interface SqlDatabase extends SqlRunner {
  transaction<T>(run: (manager: SqlRunner) => Promise<T>): Promise<T>;
}

export interface BulkCustomersOptions {
  /** A customer organisation made the real way (provisioning, or createCustomerOrganisation); each copy mirrors its rows. */
  templateOrganisationId: string;
  count: number;
  /** Names are `<prefix> <n>`, unique under the managing organisation. */
  namePrefix?: string;
  /** Organisations per multi-row INSERT; stays under SQLite's and MySQL's placeholder limits. */
  batchSize?: number;
}

export type Row = Record<string, unknown>;

/** The rows provisioning writes for an organisation beside the organisation itself (built-in roles, first widget, first operator group). */
const PROVISIONED_TABLES = ['roles', 'widgets', 'operator_groups'] as const;

const quote = (identifier: string) => `\`${identifier}\``;

/** A value as it was read, ready to be written back: MySQL drivers hand JSON columns over parsed. */
const writable = (value: unknown) =>
  value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value) ? JSON.stringify(value) : value;

/** One multi-row INSERT of rows sharing their columns. */
export async function insertRows(runner: SqlRunner, table: string, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  await runner.query(
    `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`,
    rows.flatMap((row) => columns.map((column) => writable(row[column]))),
  );
}

/**
 * Inserts `count` customer organisations beside a template one, by SQL in multi-row INSERTs and
 * one transaction, so that 10,000 take seconds on SQLite and MariaDB alike. Each copy takes every
 * column of the template's `organisations` row and of its provisioned rows (roles, widget,
 * operator group) as they are stored, with fresh ids and its own name: the same managing
 * organisation, kind, name namespace and permissions as a customer provisioned the real way. It
 * knows tables by name only, not entities. Returns the new organisation ids.
 */
export async function insertCustomerOrganisations(database: SqlDatabase, options: BulkCustomersOptions): Promise<string[]> {
  const { templateOrganisationId, count, namePrefix = 'Bulk customer', batchSize = 500 } = options;
  const [template] = (await database.query('SELECT * FROM `organisations` WHERE `id` = ?', [templateOrganisationId])) as Row[];
  if (!template) throw new Error(`no organisation ${templateOrganisationId} to copy`);
  if (template.kind !== 'CUSTOMER' || !template.managing_organisation_id) throw new Error(`organisation ${templateOrganisationId} is not a managed customer`);
  const templateName = String(template.name);
  const provisioned = new Map<string, Row[]>();
  for (const table of PROVISIONED_TABLES) {
    provisioned.set(table, (await database.query(`SELECT * FROM ${quote(table)} WHERE \`organisation_id\` = ?`, [templateOrganisationId])) as Row[]);
  }

  const width = String(count).length;
  const ids: string[] = [];
  await database.transaction(async (manager) => {
    for (let start = 0; start < count; start += batchSize) {
      const organisations: Row[] = [];
      const children = new Map<string, Row[]>(PROVISIONED_TABLES.map((table) => [table, []]));
      for (let index = start; index < Math.min(start + batchSize, count); index++) {
        const id = randomUUID();
        const name = `${namePrefix} ${String(index + 1).padStart(width, '0')}`;
        ids.push(id);
        organisations.push({ ...template, id, name });
        for (const [table, rows] of provisioned) {
          for (const row of rows) {
            // A widget is named after its organisation ("<name> widget"), an operator group by it.
            const copy: Row = { ...row, id: randomUUID(), organisation_id: id };
            if (typeof row.name === 'string') copy.name = row.name.replace(templateName, name);
            children.get(table)!.push(copy);
          }
        }
      }
      await insertRows(manager, 'organisations', organisations);
      for (const [table, rows] of children) await insertRows(manager, table, rows);
    }
  });
  return ids;
}
