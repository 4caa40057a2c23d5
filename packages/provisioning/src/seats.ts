import type { EntityManager } from '@tenantry/database';
import { lockAccount, organisationColumnTakesSeats } from '@tenantry/organisations-module';
import { countSeatsUsed } from '@tenantry/users-module';
import { graphqlError } from '@tenantry/auth';

/** Seats taken: users of the account's own organisations (invited ones included), not archived; customers take none. */
export function seatsUsed(manager: EntityManager, accountId: string): Promise<number> {
  return countSeatsUsed(manager, (column) => organisationColumnTakesSeats(accountId, column));
}

/**
 * Takes the account's lock and fails with SEAT_LIMIT_REACHED unless `needed` seats are free.
 * Held until the transaction ends, so racing requests for the last seat have exactly one winner:
 * the count after the lock sees every seat taken before it, even when the caller read other rows
 * first (withTransaction reads committed data on MySQL and holds SQLite's write lock throughout).
 */
export async function reserveSeats(manager: EntityManager, accountId: string, needed = 1): Promise<void> {
  const account = await lockAccount(manager, accountId);
  if (!account) throw graphqlError('NOT_FOUND', 'Account not found.');
  if ((await seatsUsed(manager, accountId)) + needed > account.seatLimit) {
    throw graphqlError('SEAT_LIMIT_REACHED', `The plan allows ${account.seatLimit} operators; every seat is taken.`);
  }
}
