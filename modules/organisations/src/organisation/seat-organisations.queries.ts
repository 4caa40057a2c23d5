import type { SqlCondition } from '../visibility/organisation-visibility';
import { OrganisationKind } from './organisation.entity';

/**
 * Whether another module's organisation column names one of the account's organisations whose
 * users take seats: every one but its customers (docs/product.md#users-and-seats). A list of the account's
 * own organisations (`IN`), so a count starts from them rather than from every row of the table.
 */
export function organisationColumnTakesSeats(accountId: string, column: string): SqlCondition {
  return {
    sql: `${column} IN (SELECT seat_o.id FROM organisations seat_o WHERE seat_o.account_id = :seatAccount AND seat_o.kind <> :seatCustomer)`,
    params: { seatAccount: accountId, seatCustomer: OrganisationKind.CUSTOMER },
  };
}
