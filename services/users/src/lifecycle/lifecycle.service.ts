import type { EntityManager } from '@tenantry/database';
import { In } from '@tenantry/database';
import type { TenantScope } from '@tenantry/organisations-module';
import { OrganisationKind, lockAccount, organisationById, ownsAccountOf } from '@tenantry/organisations-module';
import { UserRecord, UserStatus, recordAudit } from '@tenantry/users-module';
import { graphqlError } from '@tenantry/auth';
import { findAdministrableUser, reserveSeats } from '@tenantry/provisioning';
import type { Lockout } from '../lockout/lockout';
import { endSessions } from '../session/session.revoke';
import type { UsersSettings } from '../settings';
import { toUser } from '../user/user.mapper';
import { assertNotLastOperator } from './last-operator';
import type { User } from '../user/user.type';
import type { ChangedPrincipals } from '../principal/principal-changes';

const DAY_MS = 86_400_000;

/** One status change: from which statuses, to what, and whether the caller may do it to themself or the owner. */
interface Transition {
  action: string;
  from: UserStatus[];
  to: (user: UserRecord, manager: EntityManager) => Promise<Partial<UserRecord>> | Partial<UserRecord>;
  /** Suspending, archiving or deleting oneself or the account owner would lock the account out. */
  protectSelfAndOwner: boolean;
  /** The change takes an operator away from the organisation (see assertNotLastOperator). */
  removesOperator?: boolean;
  /** What the change does to the lockout, in the same transaction, once the status changed. */
  lockout?: (manager: EntityManager, user: UserRecord) => Promise<unknown>;
}

/** Status changes and deletion (docs/product.md#archiving-and-deletion); every one ends the user's sessions at once. */
export class LifecycleService {
  constructor(
    private readonly scope: TenantScope,
    private readonly settings: UsersSettings,
    private readonly lockout: Lockout,
    /** The request's: users whose sessions a transition ends are noted there for the gateway. */
    private readonly principalChanges: ChangedPrincipals,
  ) {}

  /** Denies access for now. */
  suspend(id: string): Promise<User> {
    return this.transition(id, {
      action: 'user.suspended',
      from: [UserStatus.INVITED, UserStatus.ACTIVE, UserStatus.LOCKED],
      to: () => ({ status: UserStatus.SUSPENDED }),
      protectSelfAndOwner: true,
    });
  }

  /** Grants access again after suspendUser. */
  restoreAccess(id: string): Promise<User> {
    return this.transition(id, {
      action: 'user.access_restored',
      from: [UserStatus.SUSPENDED],
      to: (user) => ({ status: activeOrInvited(user) }),
      protectSelfAndOwner: false,
      lockout: (manager, user) => this.lockout.forgive(manager, user.id),
    });
  }

  /** Lifts a lockout after failed logins. */
  unlock(id: string): Promise<User> {
    return this.transition(id, {
      action: 'user.unlocked',
      from: [UserStatus.LOCKED],
      to: () => ({}),
      protectSelfAndOwner: false,
      lockout: (manager, user) => this.lockout.unlock(manager, user.id),
    });
  }

  /** Ends access and frees the seat; restorable for the restore window. */
  archive(id: string): Promise<User> {
    return this.transition(id, {
      action: 'user.archived',
      from: [UserStatus.INVITED, UserStatus.ACTIVE, UserStatus.SUSPENDED, UserStatus.LOCKED],
      to: () => ({ status: UserStatus.ARCHIVED, archivedAt: this.settings.now() }),
      protectSelfAndOwner: true,
      removesOperator: true,
    });
  }

  /** Brings an archived user back within the window (else RESTORE_WINDOW_PASSED); takes a seat again. */
  restore(id: string): Promise<User> {
    return this.transition(id, {
      action: 'user.restored',
      from: [UserStatus.ARCHIVED],
      to: async (user, manager) => {
        const archivedAt = user.archivedAt ?? user.updatedAt;
        if (this.settings.now().getTime() - archivedAt.getTime() > this.settings.restoreWindowDays * DAY_MS) {
          throw graphqlError(
            'RESTORE_WINDOW_PASSED',
            `Archived users can be restored for ${this.settings.restoreWindowDays} days; this one was archived earlier.`,
          );
        }
        const organisation = await organisationById(manager, user.organisationId);
        if (organisation.kind !== OrganisationKind.CUSTOMER) await reserveSeats(manager, organisation.accountId);
        return { status: activeOrInvited(user), archivedAt: null };
      },
      protectSelfAndOwner: false,
      lockout: (manager, user) => this.lockout.forgive(manager, user.id),
    });
  }

  /** Removes the user with their sessions, tokens, role and inboxes (cascades); access ends at once. */
  async delete(id: string): Promise<boolean> {
    return this.inAccountTransaction(async (manager) => {
      const user = await findAdministrableUser(manager, this.scope.principal, id);
      await this.guardSelfAndOwner(manager, user);
      await assertNotLastOperator(manager, user);
      await endSessions(manager, user.id, this.principalChanges);
      await manager.delete(UserRecord, { id: user.id });
      await recordAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: this.scope.principal.userId,
        action: 'user.deleted',
        targetId: user.id,
        details: { username: user.username, status: user.status },
      });
      return true;
    });
  }

  private async transition(id: string, transition: Transition): Promise<User> {
    return this.inAccountTransaction(async (manager) => {
      const user = await findAdministrableUser(manager, this.scope.principal, id);
      if (transition.protectSelfAndOwner) await this.guardSelfAndOwner(manager, user);
      if (!transition.from.includes(user.status)) {
        throw graphqlError('BAD_USER_INPUT', `The user is ${user.status}; this needs one of ${transition.from.join(', ')}.`);
      }
      if (transition.removesOperator) await assertNotLastOperator(manager, user);
      const changes = { ...(await transition.to(user, manager)), updatedAt: this.settings.now() };
      // Conditional on the status read above, so two racing changes cannot both apply.
      const updated = await manager.update(UserRecord, { id: user.id, status: In(transition.from) }, changes);
      if (!updated.affected) throw graphqlError('BAD_USER_INPUT', 'The user changed meanwhile; try again.');
      await transition.lockout?.(manager, user);
      const after = await manager.findOneByOrFail(UserRecord, { id: user.id });
      const sessionsEnded = await endSessions(manager, user.id, this.principalChanges);
      await recordAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: this.scope.principal.userId,
        action: transition.action,
        targetId: user.id,
        details: { from: user.status, to: after.status, sessionsEnded },
      });
      return toUser(after);
    });
  }

  /**
   * One transaction that first takes the account's lock (every user the principal may see is in
   * its account), before anything is read: on MySQL a transaction reads the data as of its first
   * plain read, so counting after a later lock could count what a racing change already removed.
   * Status changes and deletions of one account therefore run one after the other.
   */
  private inAccountTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.scope.database.transaction(async (manager) => {
      await lockAccount(manager, this.scope.principal.accountId);
      return work(manager);
    });
  }

  private async guardSelfAndOwner(manager: EntityManager, user: UserRecord): Promise<void> {
    if (user.id === this.scope.principal.userId) throw graphqlError('BAD_USER_INPUT', 'You cannot do this to yourself.');
    if (await ownsAccountOf(manager, user.id, user.organisationId))
      throw graphqlError('FORBIDDEN', 'The account owner cannot be suspended, archived or deleted.');
  }
}

function activeOrInvited(user: UserRecord): UserStatus {
  return user.passwordHash ? UserStatus.ACTIVE : UserStatus.INVITED;
}
