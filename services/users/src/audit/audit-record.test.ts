import { randomUUID } from 'node:crypto';
import { withTransaction } from '@tenantry/database';
import { AuditEventRecord, recordAudit } from '@tenantry/users-module';
import type { AccountSeed } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { startTestbed } from '../testing/users.testkit';

describe('recordAudit: an event written in one statement with its change', () => {
  let bed: UsersTestbed;
  let account: AccountSeed;
  const eventsOf = (action: string) => bed.db.dataSource.getRepository(AuditEventRecord).findBy({ action });

  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.seed.createAccount();
  });
  afterAll(() => bed.close());

  it("files an event named by its organisation alone under that organisation's account", async () => {
    await withTransaction(bed.db.dataSource, (manager) =>
      recordAudit(manager, { organisationId: account.defaultOrganisation.id, actorUserId: null, action: 'test.by_organisation', details: { n: 1 } }),
    );
    expect(await eventsOf('test.by_organisation')).toEqual([
      expect.objectContaining({ accountId: account.record.id, organisationId: account.defaultOrganisation.id, details: { n: 1 } }),
    ]);
  });

  it('fails for a missing organisation, and its transaction writes nothing', async () => {
    const written = withTransaction(bed.db.dataSource, async (manager) => {
      await recordAudit(manager, { organisationId: account.defaultOrganisation.id, actorUserId: null, action: 'test.rolled_back' });
      await recordAudit(manager, { organisationId: randomUUID(), actorUserId: null, action: 'test.rolled_back' });
    });
    await expect(written).rejects.toThrow();
    expect(await eventsOf('test.rolled_back')).toEqual([]);
  });
});
