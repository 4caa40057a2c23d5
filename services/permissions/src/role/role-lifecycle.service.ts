import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@tenantry/database';
import { findOneForUpdate, isUniqueViolation } from '@tenantry/database';
import type { TenantScope } from '@tenantry/organisations-module';
import {
  OrganisationKind,
  findVisibleOrganisation,
  lockAccount,
  organisationById,
  organisationColumnVisible,
  ownsAnAccount,
} from '@tenantry/organisations-module';
import { RoleAssignmentRecord, RoleRecord } from '@tenantry/permissions-module';
import { BUILT_IN_ROLES, graphqlError, PERMISSION_CATALOG, PERMISSION_KEYS } from '@tenantry/auth';
import { assertAdministrableWith, findAdministrableUser } from '@tenantry/provisioning';
import { recordAudit } from '@tenantry/users-module';
import type { CreateRoleInput, UpdateRoleInput } from './role.inputs';
import { toRole } from './role.mapper';
import type { Role } from './role.type';
import { User } from './role.type';

/** What a customer organisation's roles may grant at most. */
const CUSTOMER_PERMISSIONS = BUILT_IN_ROLES.ADMINISTRATOR.permissions;

/** What an audit event names of the organisation it happened in. */
type AuditedOrganisation = { id: string; accountId: string };

const roleNotFound = () => graphqlError('NOT_FOUND', 'Role not found.');

/**
 * Creating, changing, deleting and assigning roles: each use case is one transaction with its
 * audit event. Everything is looked up only in organisations the principal may see, so a
 * foreign id answers NOT_FOUND exactly like a missing one. Nobody grants more than they hold:
 * a role may only carry, and be given or taken by, someone holding all of its permissions.
 * The caller's own principal is resolved per request, so their changes apply from the next one.
 *
 * Each use case first locks the account (see `write`), so role changes of one account run one
 * after the other and what they check (names taken, a role's holders) is still true when they write.
 */
export class RoleLifecycleService {
  constructor(
    private readonly scope: TenantScope,
    /** Called after every change, so role reads later in the same request see it. */
    private readonly onChange: () => void,
  ) {}

  /** A custom role; its key is derived from the name once (e.g. "Night shift" → NIGHT_SHIFT). */
  async create(input: CreateRoleInput): Promise<Role> {
    return this.write(async (manager) => {
      const organisation = await findVisibleOrganisation(manager, this.scope.principal, input.organisationId);
      const permissions = this.grantable(input.permissions, organisation.kind);
      const siblings = await manager.findBy(RoleRecord, { organisationId: organisation.id });
      assertNameFree(siblings, input.name);
      const id = randomUUID();
      const record: RoleRecord = {
        id,
        organisationId: organisation.id,
        key: freeKey(siblings, input.name, id),
        name: input.name,
        builtIn: false,
        permissions,
        createdAt: new Date(),
      };
      await manager.insert(RoleRecord, record).catch((error) => {
        // A racing request took the name's key first: the same answer the name check gives.
        throw isUniqueViolation(error, 'uq_roles_organisation_key', ['organisation_id', 'key'])
          ? graphqlError('BAD_USER_INPUT', 'A role with that name already exists in the organisation.', { field: 'name' })
          : error;
      });
      await this.audit(manager, organisation, 'role.created', id, { key: record.key, name: record.name, permissions });
      return toRole(record);
    });
  }

  /**
   * Renames a custom role or replaces its permissions. Built-in roles are fixed: their keys and
   * permission sets mean the same in every organisation (invitations name them, the
   * authorization matrix tests them); tailoring is what custom roles are for.
   */
  async update(id: string, input: UpdateRoleInput): Promise<Role> {
    return this.write(async (manager) => {
      const role = await this.visibleRole(manager, id);
      if (role.builtIn) {
        throw graphqlError('BAD_USER_INPUT', 'Built-in roles cannot be changed; create a custom role instead.', { reason: 'BUILT_IN_ROLE' });
      }
      const organisation = await organisationById(manager, role.organisationId);
      this.assertHolds(role.permissions);
      const changes: Partial<RoleRecord> = {};
      if (input.name && input.name !== role.name) {
        assertNameFree(
          (await manager.findBy(RoleRecord, { organisationId: role.organisationId })).filter((other) => other.id !== id),
          input.name,
        );
        changes.name = input.name;
      }
      if (input.permissions) {
        changes.permissions = this.grantable(input.permissions, organisation.kind);
        await this.assertAdministersHolders(manager, id, changes.permissions);
      }
      if (Object.keys(changes).length) await manager.update(RoleRecord, { id }, changes);
      await this.audit(manager, organisation, 'role.updated', id, { key: role.key, ...changes });
      return toRole({ ...role, ...changes });
    });
  }

  /**
   * Deletes a custom role. Its holders must keep a role (each user has exactly one), so while it
   * is assigned a replacement of the same organisation is required; they move to it in the same
   * transaction.
   */
  async delete(id: string, replacementRoleId?: string | null): Promise<boolean> {
    return this.write(async (manager) => {
      // The role's own lock also stops writers that assign it without the account's lock (a user
      // created with it): they wait for this deletion, or it waits for them and counts their holder.
      const role = await this.lockVisibleRole(manager, id);
      if (!role) throw roleNotFound();
      if (role.builtIn) throw graphqlError('BAD_USER_INPUT', 'Built-in roles cannot be deleted.', { reason: 'BUILT_IN_ROLE' });
      this.assertHolds(role.permissions);
      const holders = await manager.countBy(RoleAssignmentRecord, { roleId: id });
      let replacement: RoleRecord | null = null;
      if (replacementRoleId) {
        replacement = await manager.findOneBy(RoleRecord, { id: replacementRoleId, organisationId: role.organisationId });
        if (!replacement) throw graphqlError('NOT_FOUND', "Replacement role not found in the role's organisation.");
        if (replacement.id === id) throw graphqlError('BAD_USER_INPUT', 'A role cannot replace itself.', { field: 'replacementRoleId' });
        this.assertAssignable(replacement);
      } else if (holders > 0) {
        throw graphqlError('BAD_USER_INPUT', `The role is still assigned to ${holders} user(s); name a replacement role.`, {
          field: 'replacementRoleId',
          assignedUsers: holders,
        });
      }
      if (replacement && holders > 0) await this.assertAdministersHolders(manager, id, replacement.permissions);
      if (replacement && holders > 0) await manager.update(RoleAssignmentRecord, { roleId: id }, { roleId: replacement.id, assignedAt: new Date() });
      await manager.delete(RoleRecord, { id });
      const organisation = await organisationById(manager, role.organisationId);
      await this.audit(manager, organisation, 'role.deleted', id, {
        key: role.key,
        reassignedUsers: replacement ? holders : 0,
        replacementRoleKey: replacement?.key ?? null,
      });
      return true;
    });
  }

  /** Gives a user one role of their own organisation instead of the one they hold. */
  async assign(userId: string, roleId: string): Promise<User> {
    return this.write(async (manager) => {
      // The administration rule for the user as they are (their present role included) ...
      const user = await findAdministrableUser(manager, this.scope.principal, userId);
      const role = await this.visibleRole(manager, roleId);
      if (role.organisationId !== user.organisationId) {
        throw graphqlError('BAD_USER_INPUT', 'The role belongs to another organisation than the user.', { field: 'roleId' });
      }
      this.assertAssignable(role);
      if (await ownsAnAccount(manager, user.id)) {
        throw graphqlError('BAD_USER_INPUT', 'The account owner keeps the OWNER role.', { field: 'userId' });
      }
      // ... and as the new role would leave them: e.g. customers.manage shows their organisation's customers.
      await assertAdministrableWith(manager, this.scope.principal, user, role.permissions);
      const previous = await manager.findOne(RoleAssignmentRecord, { where: { userId }, relations: { role: true } });
      await manager.delete(RoleAssignmentRecord, { userId });
      await manager.insert(RoleAssignmentRecord, { userId, roleId, assignedAt: new Date() });
      const organisation = await organisationById(manager, user.organisationId);
      await this.audit(manager, organisation, 'role.assigned', userId, { roleKey: role.key, previousRoleKey: previous?.role?.key ?? null });
      return Object.assign(new User(), { id: userId });
    });
  }

  /**
   * Changing a role's permissions, or moving its holders to another role, administers every
   * holder: the administration rule must hold for each, as they are and as they would be.
   */
  private async assertAdministersHolders(manager: EntityManager, roleId: string, permissions: string[]): Promise<void> {
    const holders = await manager.findBy(RoleAssignmentRecord, { roleId });
    for (const { userId } of holders) {
      const holder = await findAdministrableUser(manager, this.scope.principal, userId);
      await assertAdministrableWith(manager, this.scope.principal, holder, permissions);
    }
  }

  /**
   * One transaction whose first statement locks the principal's account (every organisation, role
   * and user it may see is in that account; seat-taking user creation and organisation changes take
   * the same lock): without it, on MySQL, a deletion counted no holders while a racing assignRole gave the
   * role to a user whom the deletion's cascade then left without any role, and a rename and a
   * create both found a name free.
   */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.scope.database.transaction(async (manager) => {
      await lockAccount(manager, this.scope.principal.accountId);
      return work(manager);
    });
    this.onChange();
    return result;
  }

  private async visibleRole(manager: EntityManager, id: string): Promise<RoleRecord> {
    const role = await this.visibleRoles(manager).andWhere('r.id = :id', { id }).getOne();
    if (!role) throw roleNotFound();
    return role;
  }

  /**
   * Catalog keys in catalog order. Customer roles stay within the ADMINISTRATOR's set: never
   * templates (docs/product.md#customers), and never customers.manage, which would let a customer cut itself loose.
   */
  private grantable(requested: string[], kind: OrganisationKind): string[] {
    const unknown = requested.filter((key) => !PERMISSION_KEYS.has(key));
    if (unknown.length) throw graphqlError('BAD_USER_INPUT', `Unknown permission ${unknown.join(', ')}.`, { field: 'permissions' });
    if (kind === OrganisationKind.CUSTOMER) {
      const outside = requested.filter((key) => !CUSTOMER_PERMISSIONS.includes(key));
      if (outside.length) {
        throw graphqlError('BAD_USER_INPUT', `Roles of customer organisations cannot grant ${outside.join(', ')}.`, { field: 'permissions' });
      }
    }
    this.assertHolds(requested);
    return PERMISSION_CATALOG.map((permission) => permission.key).filter((key) => requested.includes(key));
  }

  /** OWNER belongs to the account owner alone; other roles need the caller to hold all their permissions. */
  private assertAssignable(role: RoleRecord): void {
    if (role.key === 'OWNER') throw graphqlError('BAD_USER_INPUT', 'The OWNER role cannot be assigned.', { field: 'roleId' });
    this.assertHolds(role.permissions);
  }

  private assertHolds(permissions: string[]): void {
    const lacking = permissions.filter((key) => !this.scope.principal.permissions.includes(key));
    if (lacking.length) throw graphqlError('FORBIDDEN', `You cannot grant or take permissions you do not hold: ${lacking.join(', ')}.`);
  }

  private audit(manager: EntityManager, organisation: AuditedOrganisation, action: string, targetId: string, details: Record<string, unknown>) {
    return recordAudit(manager, {
      accountId: organisation.accountId,
      organisationId: organisation.id,
      actorUserId: this.scope.principal.userId,
      action,
      targetId,
      details,
    });
  }

  /** Roles of organisations the caller may see: any other id is NOT_FOUND, exactly like a missing one. */
  private visibleRoles(manager: EntityManager) {
    const visible = organisationColumnVisible(this.scope.principal, 'r.organisation_id');
    return manager.getRepository(RoleRecord).createQueryBuilder('r').where(visible.sql, visible.params);
  }

  /** A visible role, locked until the transaction ends. */
  private async lockVisibleRole(manager: EntityManager, id: string): Promise<RoleRecord | null> {
    return (await this.visibleRoles(manager).andWhere('r.id = :id', { id }).getExists()) ? findOneForUpdate(manager, RoleRecord, { id }) : null;
  }
}

function assertNameFree(roles: RoleRecord[], name: string): void {
  if (roles.some((role) => role.name.toLowerCase() === name.toLowerCase())) {
    throw graphqlError('BAD_USER_INPUT', 'A role with that name already exists in the organisation.', { field: 'name' });
  }
}

/**
 * A stable key from the name, never one of the built-in keys nor one already used in the
 * organisation (a renamed role keeps its old key); names without latin letters get one from the id.
 */
function freeKey(roles: RoleRecord[], name: string, id: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 48);
  const base = slug || `ROLE_${id.slice(0, 8).toUpperCase()}`;
  const taken = new Set([...roles.map((role) => role.key), ...Object.keys(BUILT_IN_ROLES)]);
  let key = base;
  for (let suffix = 2; taken.has(key); suffix++) key = `${base}_${suffix}`;
  return key;
}
