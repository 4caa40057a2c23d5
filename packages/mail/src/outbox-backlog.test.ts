import { withTransaction } from '@tenantry/database';
import type { TestDatabase } from '@tenantry/testing';
import { createTestDatabase } from '@tenantry/testing';
import { enqueueMail } from './outbox';
import { outboxBacklog } from './outbox-backlog';
import { OutboxMailRecord } from './outbox-mail.entity';
import { MAX_SEND_ATTEMPTS } from './sender';

describe('outbox backlog', () => {
  let db: TestDatabase;
  const enqueue = (subject: string) =>
    withTransaction(db.dataSource, (manager) => enqueueMail(manager, { to: 'ada@example.com', subject, text: `Body of ${subject}` }));
  const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('counts unsent mail and the age of the oldest due one, leaving out mail sent, given up or not yet due', async () => {
    expect(await outboxBacklog(db.dataSource)).toEqual({ backlog: 0, oldestDueSeconds: 0 });
    await enqueue('first');
    await enqueue('second');
    expect(await outboxBacklog(db.dataSource, later(30))).toEqual({ backlog: 2, oldestDueSeconds: 30 });

    const mails = db.dataSource.getRepository(OutboxMailRecord);
    await mails.update({ subject: 'first' }, { sentAt: new Date() });
    await mails.update({ subject: 'second' }, { nextAttemptAt: later(60) });
    expect(await outboxBacklog(db.dataSource, later(30))).toEqual({ backlog: 1, oldestDueSeconds: 0 });

    await mails.update({ subject: 'second' }, { attempts: MAX_SEND_ATTEMPTS });
    expect(await outboxBacklog(db.dataSource, later(90))).toEqual({ backlog: 0, oldestDueSeconds: 0 });
  });
});
