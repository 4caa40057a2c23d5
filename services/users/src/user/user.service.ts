import type { PageCountedOnDemand } from '@tenantry/federation';
import { decodeCursor, pageSize, toPage } from '@tenantry/federation';
import type { TenantScope } from '@tenantry/organisations-module';
import {
  OrganisationKind,
  findOnboardingPolicy,
  organisationColumnVisible,
  setOperatorGroupsOfUser,
  setVisibleWidgetsOfUser,
  visibleOrganisations,
} from '@tenantry/organisations-module';
import { holdersOfRoles, rolesHoldingPermission } from '@tenantry/permissions-module';
import {
  SEARCHED_FIELDS,
  UserRecord,
  UserStatus,
  hasTermIn,
  recordAudit,
  replaceUserSearchTerms,
  searchTermRange,
  usersWithTermsIn,
} from '@tenantry/users-module';
import { graphqlError } from '@tenantry/auth';
import { createUserWithRole, findAdministrableUser, greetingName, issueActivation, reserveSeats, usernameMail } from '@tenantry/provisioning';
import { findVisibleOrganisation } from '@tenantry/organisations-module';
import { enqueueMail } from '@tenantry/mail';
import { changeEmail } from '../email-change/email-change.service';
import type { UsersSettings } from '../settings';
import { createUserLoader } from './user.loaders';
import { toUser, userColumns } from './user.mapper';
import type { CreateUserInput, UpdateUserInput } from './user.inputs';
import { checkPassword } from '../password/password.policy';
import { assertOrganisationInScope, checkInboxes, checkOnboardingFields, checkVisibleWidgets, findGrantableRole, readInScope } from './user.scope';
import type { User } from './user.type';

/** What `users` shows unless asked otherwise: everybody but the archived (docs/product.md#users-and-seats). */
export const DEFAULT_STATUS_FILTER = [UserStatus.INVITED, UserStatus.ACTIVE, UserStatus.SUSPENDED, UserStatus.LOCKED];

/**
 * Up to this many users matching a search are read by id and sorted; beyond it, users are read in
 * page order and kept when one of their terms matches, which fills a page after a few thousand rows at most.
 */
const FEW_MATCHES = 1_000;

/** Users of one request, scoped to the organisations its principal may see: reads, creation and edits. */
export class UserService {
  private readonly loader;

  constructor(
    private readonly scope: TenantScope,
    private readonly settings: UsersSettings,
  ) {
    this.loader = createUserLoader(scope);
  }

  async findById(id: string): Promise<User | null> {
    const record = await this.loader.load(id);
    return record ? toUser(record) : null;
  }

  /** Ids of every organisation the caller may see, oldest first. */
  async accessibleOrganisationIds(): Promise<string[]> {
    const rows = await visibleOrganisations(this.scope.database.manager, this.scope.principal)
      .select('o.id', 'id')
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  me(): Promise<User | null> {
    return this.findById(this.scope.principal.userId);
  }

  /**
   * Users of one organisation, oldest first, keyset-paginated by (createdAt, id) along
   * `ix_users_organisation_created`, so a deep cursor costs what the first page does. A search
   * matches words' starts through the search terms (docs/product.md#users-and-seats). The matches
   * are counted only when the client asks for totalCount (UserConnectionResolver).
   */
  async list(
    organisationId: string,
    statuses: UserStatus[] | null | undefined,
    search: string | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<PageCountedOnDemand<User>> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const { manager } = this.scope.database;
    const range = search?.trim() ? searchTermRange(search) : undefined;
    const nothingFound = async () => {
      await assertOrganisationInScope(this.scope, organisationId);
      return { ...toPage([], size, (user: User) => user.id, cursor), countMatching: async () => 0 };
    };
    // A search without a letter or digit: no term starts with one.
    if (range === null) return nothingFound();
    // A search matching few users reads just those; one matching many reads users in page order and keeps those that match.
    const few = range
      ? await usersWithTermsIn(manager, organisationId, range, FEW_MATCHES + 1, organisationColumnVisible(this.scope.principal, 't.organisation_id'))
      : [];
    // Terms read under the rule: a match shows the organisation is visible.
    if (few.length) this.scope.visibility.noteShown([organisationId]);
    const narrowed = range !== undefined && few.length <= FEW_MATCHES;
    if (narrowed && !few.length) return nothingFound();
    const matching = () => {
      const query = manager
        .getRepository(UserRecord)
        .createQueryBuilder('u')
        .where('u.organisation_id = :organisationId', { organisationId })
        .andWhere('u.status IN (:...statuses)', { statuses: statuses?.length ? statuses : DEFAULT_STATUS_FILTER });
      if (narrowed) query.andWhere('u.id IN (:...few)', { few });
      else if (range) {
        const condition = hasTermIn('u', range);
        query.andWhere(condition.sql, condition.params);
      }
      return query;
    };
    const page = matching()
      .select(userColumns('u'))
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(size + 1);
    // `>=` first gives the index a range to start from; the OR alone made SQLite read the organisation from its start.
    if (cursor) page.andWhere('u.created_at >= :key AND (u.created_at > :key OR u.id > :id)', { key: new Date(cursor.key), id: cursor.id });
    // The scope is checked in the page's own statement; countMatching runs only after it passed.
    const rows = await readInScope(this.scope, organisationId, 'u.organisation_id', (visible) => page.andWhere(visible.sql, visible.params).getMany());
    return {
      ...toPage(rows.map(toUser), size, (user) => user.createdAt.toISOString(), cursor),
      countMatching: async () => Number((await matching().select('COUNT(*)', 'count').getRawOne<{ count: string | number }>())?.count ?? 0),
    };
  }

  /** Colleagues a chat may be handed to: same (active) organisation, ACTIVE, holding chats.access, not the caller. */
  async transferTargets(): Promise<User[]> {
    const { manager } = this.scope.database;
    const { organisationId, userId } = this.scope.principal;
    const holderIds = await holdersOfRoles(manager, await rolesHoldingPermission(manager, organisationId, 'chats.access'));
    if (!holderIds.length) return [];
    const rows = await manager
      .getRepository(UserRecord)
      .createQueryBuilder('u')
      .where('u.organisation_id = :organisationId AND u.status = :active AND u.id <> :self', { organisationId, active: UserStatus.ACTIVE, self: userId })
      .andWhere('u.id IN (:...holderIds)', { holderIds })
      .orderBy('u.screen_name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .getMany();
    return rows.map(toUser);
  }

  /**
   * Creates a user directly (docs/product.md#users-and-seats), as the account's onboarding policy allows
   * (docs/product.md#onboarding-policy): holding a role, in inboxes; takes a seat outside customer organisations.
   * Without an initial password the user is INVITED and gets the username and a single-use activation link; with
   * one they are ACTIVE, must change it at first sign-in and get only the username mail. No address, no mail.
   */
  async create(input: CreateUserInput): Promise<User> {
    const username = input.useEmailAsUsername ? input.email : input.username;
    if (!username) throw graphqlError('BAD_USER_INPUT', 'Give a username or set useEmailAsUsername.', { field: 'username' });
    if (input.initialPassword) checkPassword(input.initialPassword, { username, email: input.email ?? null });
    const record = await this.scope.database.transaction(async (manager) => {
      const organisation = await findVisibleOrganisation(manager, this.scope.principal, input.organisationId);
      checkOnboardingFields(await findOnboardingPolicy(manager, organisation.accountId), input);
      const role = await findGrantableRole(manager, this.scope.principal, organisation.id, input.roleKey);
      const inboxIds = input.inboxIds ? await checkInboxes(manager, organisation.id, input.inboxIds) : undefined;
      const visibleWidgetIds = input.visibleWidgetIds ? await checkVisibleWidgets(manager, organisation.id, input.visibleWidgetIds) : [];
      if (organisation.kind !== OrganisationKind.CUSTOMER) await reserveSeats(manager, organisation.accountId);
      const withPassword = Boolean(input.initialPassword);
      const user = await createUserWithRole(manager, {
        organisationId: organisation.id,
        username,
        roleKey: role.key,
        email: input.email ?? null,
        firstName: input.firstName ?? null,
        lastName: input.lastName,
        middleName: input.middleName ?? null,
        screenName: input.screenName ?? undefined,
        language: input.language ?? organisation.language,
        status: withPassword ? UserStatus.ACTIVE : UserStatus.INVITED,
        password: input.initialPassword ?? undefined,
        mustChangePassword: withPassword,
        inboxIds,
      });
      const extras = { avatarUrl: input.avatarUrl ?? null, mobile: input.mobile ?? null };
      await manager.update(UserRecord, { id: user.id }, extras);
      await setVisibleWidgetsOfUser(manager, user.id, visibleWidgetIds);
      const sendTo = input.sendMailsTo ?? user.email;
      if (sendTo) {
        await enqueueMail(manager, {
          to: sendTo,
          organisationId: organisation.id,
          ...usernameMail(user.language, { firstName: greetingName(user), organisation: organisation.name, username: user.username }),
        });
      }
      if (!withPassword) {
        await issueActivation(manager, user, {
          publicUrl: this.settings.publicUrl,
          organisationName: organisation.name,
          sendTo: sendTo ?? undefined,
          ttlHours: this.settings.invitationTtlHours,
        });
      }
      await recordAudit(manager, {
        organisationId: organisation.id,
        actorUserId: this.scope.principal.userId,
        action: 'user.created',
        targetId: user.id,
        details: {
          username: user.username,
          roleKey: role.key,
          mailedToOtherAddress: sendTo !== user.email,
          initialPassword: withPassword,
          mailed: Boolean(sendTo),
        },
      });
      return { ...user, ...extras };
    });
    return toUser(record);
  }

  /** Edits a user (docs/product.md#users-and-seats): everything but the username and the organisation; a new email waits for confirmation. */
  async update(id: string, input: UpdateUserInput): Promise<User> {
    if (input.username !== undefined && input.username !== null) {
      throw graphqlError('BAD_USER_INPUT', 'The username cannot be changed once saved.', { field: 'username' });
    }
    const record = await this.scope.database.transaction(async (manager) => {
      const user = await findAdministrableUser(manager, this.scope.principal, id);
      const changes: Partial<UserRecord> = {};
      if (input.email === null) throw graphqlError('BAD_USER_INPUT', 'email cannot be cleared.', { field: 'email' });
      for (const field of ['firstName', 'lastName', 'screenName', 'language'] as const) {
        const value = input[field];
        if (value === null) throw graphqlError('BAD_USER_INPUT', `${field} cannot be cleared.`, { field });
        if (value !== undefined) changes[field] = value;
      }
      for (const field of ['middleName', 'avatarUrl', 'mobile'] as const) {
        if (input[field] !== undefined) changes[field] = input[field] ?? null;
      }
      // Never written straight to `email`: a new address waits for its confirmation (see changeEmail).
      if (input.email !== undefined)
        Object.assign(changes, await changeEmail(manager, user, input.email, { actorUserId: this.scope.principal.userId, settings: this.settings }));
      if (input.inboxIds) {
        const inboxIds = await checkInboxes(manager, user.organisationId, input.inboxIds);
        await setOperatorGroupsOfUser(manager, user.id, inboxIds);
      }
      if (input.visibleWidgetIds !== undefined) {
        await setVisibleWidgetsOfUser(manager, user.id, await checkVisibleWidgets(manager, user.organisationId, input.visibleWidgetIds ?? []));
      }
      const updated = { ...user, ...changes, updatedAt: new Date() };
      await manager.update(UserRecord, { id: user.id }, { ...changes, updatedAt: updated.updatedAt });
      if (SEARCHED_FIELDS.some((field) => field in changes)) await replaceUserSearchTerms(manager, user.id);
      await recordAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: this.scope.principal.userId,
        action: 'user.updated',
        targetId: user.id,
        details: {
          fields: [...Object.keys(changes), ...(input.inboxIds ? ['inboxIds'] : []), ...(input.visibleWidgetIds !== undefined ? ['visibleWidgetIds'] : [])],
        },
      });
      return updated;
    });
    this.loader.clear(id);
    return toUser(record);
  }
}
