import { randomUUID } from 'node:crypto';
import type { TenantScope } from '@tenantry/organisations-module';
import { OrganisationKind, lockAccount } from '@tenantry/organisations-module';
import { InvitationRecord, InvitationStatus, UserRecord, UserStatus, recordAudit } from '@tenantry/users-module';
import type { PageCountedOnDemand } from '@tenantry/federation';
import { decodeCursor, pageSize, toPage } from '@tenantry/federation';
import { graphqlError, hashToken, randomToken } from '@tenantry/auth';
import { createUserWithRole, findAdministrableUser, linkTo, reserveSeats } from '@tenantry/provisioning';
import { findVisibleOrganisation } from '@tenantry/organisations-module';
import { enqueueMail } from '@tenantry/mail';
import { DEFAULT_LANGUAGE, isLanguage } from '@tenantry/config';
import { invitationMail } from '../mail/user-mails';
import type { UsersSettings } from '../settings';
import { assertNotLastOperator } from '../lifecycle/last-operator';
import { findGrantableRole, readInScope } from '../user/user.scope';
import { effectiveInvitationStatus } from './invitation.token';
import type { InviteUserInput } from './invitation.type';
import { Invitation } from './invitation.type';

const invitationNotFound = () => graphqlError('NOT_FOUND', 'Invitation not found.');

export function toInvitation(record: InvitationRecord, now: Date): Invitation {
  return Object.assign(new Invitation(), {
    id: record.id,
    organisationId: record.organisationId,
    userId: record.userId,
    email: record.email,
    language: isLanguage(record.language) ? record.language : DEFAULT_LANGUAGE,
    roleKey: record.roleKey,
    status: effectiveInvitationStatus(record, now),
    expiresAt: record.expiresAt,
    createdAt: record.createdAt,
  });
}

/** Invitations of one request, scoped to the organisations its principal may see. */
export class InvitationService {
  constructor(
    private readonly scope: TenantScope,
    private readonly settings: UsersSettings,
  ) {}

  /** Invitations of an organisation, oldest first, keyset-paginated; EXPIRED is computed from the clock; counted only when asked. */
  async list(
    organisationId: string,
    statuses: InvitationStatus[] | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<PageCountedOnDemand<Invitation>> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const now = this.settings.now();
    const filter = () => {
      const query = this.scope.database.manager
        .getRepository(InvitationRecord)
        .createQueryBuilder('i')
        .where('i.organisation_id = :organisationId', { organisationId });
      if (statuses?.length) {
        const wanted = new Set(statuses);
        const clauses: string[] = [];
        if (wanted.has(InvitationStatus.PENDING)) clauses.push("(i.status = 'PENDING' AND i.expires_at > :now)");
        if (wanted.has(InvitationStatus.EXPIRED)) clauses.push("(i.status = 'EXPIRED' OR (i.status = 'PENDING' AND i.expires_at <= :now))");
        if (wanted.has(InvitationStatus.ACCEPTED)) clauses.push("i.status = 'ACCEPTED'");
        if (wanted.has(InvitationStatus.REVOKED)) clauses.push("i.status = 'REVOKED'");
        query.andWhere(`(${clauses.join(' OR ')})`, { now });
      }
      return query;
    };
    const page = filter()
      .orderBy('i.created_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .take(size + 1);
    if (cursor) page.andWhere('i.created_at >= :key AND (i.created_at > :key OR i.id > :id)', { key: new Date(cursor.key), id: cursor.id });
    // The scope is checked in the page's own statement; the count runs only after it passed.
    const rows = await readInScope(this.scope, organisationId, 'i.organisation_id', (visible) => page.andWhere(visible.sql, visible.params).getMany());
    return {
      ...toPage(
        rows.map((row) => toInvitation(row, now)),
        size,
        (invitation) => invitation.createdAt.toISOString(),
        cursor,
      ),
      countMatching: async () => Number((await filter().select('COUNT(*)', 'count').getRawOne<{ count: string | number }>())?.count ?? 0),
    };
  }

  /**
   * Invites by email (docs/product.md#invitations): the user exists at once as INVITED (taking a seat outside customer
   * organisations), the invitation is PENDING with a single-use link mailed in the user's language.
   */
  async invite(input: InviteUserInput): Promise<Invitation> {
    const now = this.settings.now();
    const record = await this.scope.database.transaction(async (manager) => {
      const organisation = await findVisibleOrganisation(manager, this.scope.principal, input.organisationId);
      const role = await findGrantableRole(manager, this.scope.principal, organisation.id, input.roleKey);
      if (organisation.kind !== OrganisationKind.CUSTOMER) await reserveSeats(manager, organisation.accountId);
      const user = await createUserWithRole(manager, {
        organisationId: organisation.id,
        username: input.username ?? input.email,
        roleKey: role.key,
        email: input.email,
        firstName: input.firstName,
        lastName: input.lastName,
        language: input.language,
        status: UserStatus.INVITED,
      });
      const token = randomToken();
      const invitation = manager.create(InvitationRecord, {
        id: randomUUID(),
        organisationId: organisation.id,
        userId: user.id,
        email: input.email,
        language: input.language,
        roleKey: role.key,
        status: InvitationStatus.PENDING,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + this.settings.invitationTtlHours * 3_600_000),
        invitedByUserId: this.scope.principal.userId,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(InvitationRecord, invitation);
      await enqueueMail(manager, {
        to: input.email,
        organisationId: organisation.id,
        ...invitationMail(input.language, {
          firstName: input.firstName,
          organisation: organisation.name,
          link: linkTo(this.settings.publicUrl, 'activate', token),
          hours: this.settings.invitationTtlHours,
        }),
      });
      await recordAudit(manager, {
        organisationId: organisation.id,
        actorUserId: this.scope.principal.userId,
        action: 'invitation.created',
        targetId: user.id,
        details: { invitationId: invitation.id, username: user.username, roleKey: role.key },
      });
      return invitation;
    });
    return toInvitation(record, now);
  }

  /** Revokes a pending (or expired) invitation and deletes its invited user; its link dies with it. */
  async revoke(id: string): Promise<boolean> {
    return this.scope.database.transaction(async (manager) => {
      // The lock comes first, before any read: see LifecycleService (the last operator is counted below).
      await lockAccount(manager, this.scope.principal.accountId);
      const invitation = await manager.findOneBy(InvitationRecord, { id });
      if (!invitation || !(await this.scope.visibility.canSee(invitation.organisationId))) throw invitationNotFound();
      if (invitation.status === InvitationStatus.ACCEPTED) {
        throw graphqlError('BAD_USER_INPUT', 'The invitation was accepted; archive or delete the user instead.');
      }
      if (invitation.status === InvitationStatus.REVOKED || !invitation.userId) throw graphqlError('BAD_USER_INPUT', 'The invitation was revoked already.');
      // Revoking deletes the invited user: the same rule as deleteUser decides who may.
      const user = await findAdministrableUser(manager, this.scope.principal, invitation.userId);
      await assertNotLastOperator(manager, user);
      // PENDING or EXPIRED → REVOKED; deleting the user then empties the invitation's user_id (ON DELETE SET NULL).
      await manager.update(InvitationRecord, { id: invitation.id }, { status: InvitationStatus.REVOKED, updatedAt: new Date() });
      const deleted = await manager.delete(UserRecord, { id: invitation.userId, status: UserStatus.INVITED });
      if (!deleted.affected) throw graphqlError('BAD_USER_INPUT', 'The invited user is no longer waiting for activation.');
      await recordAudit(manager, {
        organisationId: invitation.organisationId,
        actorUserId: this.scope.principal.userId,
        action: 'invitation.revoked',
        targetId: invitation.userId,
        details: { invitationId: invitation.id, username: user.username },
      });
      return true;
    });
  }
}
