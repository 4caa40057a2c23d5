import type { TenantScope } from '@tenantry/organisations-module';
import { isCustomerOrganisation } from '@tenantry/organisations-module';
import { graphqlError, PERMISSION_KEYS } from '@tenantry/auth';
import { Decision } from './decision.type';

const decision = (allowed: boolean, reason: string) => Object.assign(new Decision(), { allowed, reason });

/**
 * Explains the caller's own authorization from the principal this request was resolved with:
 * the very data every rule decides on. A foreign organisation and a missing one get the same
 * answer, so asking leaks no existence.
 */
export class DecisionService {
  constructor(private readonly scope: TenantScope) {}

  /** Whether `userId` (only ever the caller) holds `permission` in the organisation, default the active one. */
  async can(userId: string, permission: string, organisationId?: string | null): Promise<Decision> {
    if (userId !== this.scope.principal.userId) throw graphqlError('FORBIDDEN', 'Only your own permissions can be explained.');
    if (!PERMISSION_KEYS.has(permission)) return decision(false, `unknown permission ${permission}`);
    const organisation = organisationId ?? this.scope.principal.organisationId;
    if (!(await this.scope.visibility.canSee(organisation))) return decision(false, 'organisation is not visible to you');
    const role = this.scope.principal.roleKey;
    if (!this.scope.principal.permissions.includes(permission)) return decision(false, `role ${role} lacks ${permission}`);
    if (permission === 'templates.use' && (await isCustomerOrganisation(this.scope.database.manager, organisation))) {
      return decision(false, 'customer organisations never get templates.use');
    }
    return decision(true, `role ${role} grants ${permission}`);
  }
}
