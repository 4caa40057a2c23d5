import { DataSource } from '@tenantry/database';
import { OrganisationKind, OrganisationRecord } from '@tenantry/organisations-module';
import { canSeeOrganisation, graphqlError, PERMISSION_KEYS, UserPrincipal } from '@tenantry/auth';
import { Decision } from './decision.type';

const decision = (allowed: boolean, reason: string) => Object.assign(new Decision(), { allowed, reason });

/**
 * Explains the caller's own authorization from the principal this request was resolved with:
 * the very data every rule decides on. A foreign organisation and a missing one get the same
 * answer, so asking leaks no existence.
 */
export class DecisionService {
  constructor(private readonly dataSource: DataSource, private readonly principal: UserPrincipal) {}

  /** Whether `userId` (only ever the caller) holds `permission` in the organisation, default the active one. */
  async can(userId: string, permission: string, organisationId?: string | null): Promise<Decision> {
    if (userId !== this.principal.userId) throw graphqlError('FORBIDDEN', 'Only your own permissions can be explained.');
    if (!PERMISSION_KEYS.has(permission)) return decision(false, `unknown permission ${permission}`);
    const organisation = organisationId ?? this.principal.organisationId;
    if (!canSeeOrganisation(this.principal, organisation)) return decision(false, 'organisation is not visible to you');
    const role = this.principal.roleKey;
    if (!this.principal.permissions.includes(permission)) return decision(false, `role ${role} lacks ${permission}`);
    if (permission === 'templates.use' && (await this.isCustomer(organisation))) {
      return decision(false, 'customer organisations never get templates.use');
    }
    return decision(true, `role ${role} grants ${permission}`);
  }

  private async isCustomer(organisationId: string): Promise<boolean> {
    return this.dataSource.getRepository(OrganisationRecord).existsBy({ id: organisationId, kind: OrganisationKind.CUSTOMER });
  }
}
