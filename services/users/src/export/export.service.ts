import type { TenantScope } from '@tenantry/organisations-module';
import { findVisibleOrganisation } from '@tenantry/organisations-module';
import { stringify } from 'csv-stringify/sync';
import { roleKeysByUser } from '@tenantry/permissions-module';
import { UserRecord, recordAudit } from '@tenantry/users-module';

/** The columns of the export (docs/product.md#export), in order. */
export const CSV_COLUMNS = ['username', 'firstName', 'lastName', 'email', 'status', 'role', 'tfaEnabled', 'lastLoginAt', 'createdAt'] as const;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula;
 * OWASP's remedy is to prefix such a cell with a single quote so it stays text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Users as CSV for one organisation. */
export class ExportService {
  constructor(private readonly scope: TenantScope) {}

  /** A header and one row per user (archived included), oldest first; quoting by csv-stringify. */
  async usersCsv(organisationId: string): Promise<string> {
    return this.scope.database.transaction(async (manager) => {
      const organisation = await findVisibleOrganisation(manager, this.scope.principal, organisationId);
      const users = await manager.find(UserRecord, { where: { organisationId: organisation.id }, order: { createdAt: 'ASC', id: 'ASC' } });
      const roleOf = await roleKeysByUser(manager, organisation.id);
      const rows = users.map((user) =>
        [
          user.username,
          user.firstName ?? '',
          user.lastName,
          user.email ?? '',
          user.status,
          roleOf.get(user.id) ?? '',
          user.totpEnabled ? 'true' : 'false',
          user.lastLoginAt?.toISOString() ?? '',
          user.createdAt.toISOString(),
        ].map(neutraliseFormula),
      );
      await recordAudit(manager, {
        organisationId: organisation.id,
        actorUserId: this.scope.principal.userId,
        action: 'users.exported',
        details: { rows: rows.length },
      });
      // Rows end in CRLF (RFC 4180); a field with a bare CR or LF is quoted too, or readers would split the row.
      return stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', quoted_match: /[\r\n]/ });
    });
  }
}
