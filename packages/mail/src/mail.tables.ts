import type { DatabaseSchema } from '@tenantry/database';
import { OutboxMailRecord } from './outbox-mail.entity';

/** The outbox is mail's own table; its one change so far is in the baseline migration. */
export const mailTables: DatabaseSchema = { entities: [OutboxMailRecord], migrations: { mysql: [], sqlite: [] } };
