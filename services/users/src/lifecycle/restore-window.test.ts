import { UserStatus } from '@tenantry/users-module';
import { restorableUntil } from './restore-window';

describe('restorableUntil', () => {
  const archivedAt = new Date('2026-03-01T10:00:00.000Z');

  it('is archivedAt plus the restore window for an archived user', () => {
    expect(restorableUntil({ status: UserStatus.ARCHIVED, archivedAt })).toEqual(new Date('2026-03-31T10:00:00.000Z'));
    expect(restorableUntil({ status: UserStatus.ARCHIVED, archivedAt }, 7)).toEqual(new Date('2026-03-08T10:00:00.000Z'));
  });

  it('is null for every other status, even with an archivedAt left behind', () => {
    for (const status of [UserStatus.INVITED, UserStatus.ACTIVE, UserStatus.SUSPENDED, UserStatus.LOCKED]) {
      expect(restorableUntil({ status, archivedAt })).toBeNull();
    }
  });
});
