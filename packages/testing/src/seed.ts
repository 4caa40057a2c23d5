import { randomUUID } from 'node:crypto';
import type { DataSource } from '@tenantry/database';
import { withTransaction } from '@tenantry/database';
import type { AccountRecord, OrganisationRecord } from '@tenantry/organisations-module';
import { OrganisationKind, setAccountOwner } from '@tenantry/organisations-module';
import { resolvePrincipal } from '@tenantry/store';
import type { UserRecord } from '@tenantry/users-module';
import { SessionRecord } from '@tenantry/users-module';
import type { UserPrincipal } from '@tenantry/auth';
import { hashToken, randomToken, signAccessToken } from '@tenantry/auth';
import { createAccount, createUserWithRole, provisionOrganisation } from '@tenantry/provisioning';
import { TEST_ACCESS_TOKEN_SECRET } from './subgraph-harness';

/** Password of every seeded user. */
export const SEED_PASSWORD = 'correct horse battery staple';

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

/** A seeded user, able to sign in without going through login. */
export class UserSeed {
  constructor(
    private readonly dataSource: DataSource,
    readonly record: UserRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  /** Opens a session as login would and returns the principal the gateway would resolve for it. */
  async principal(): Promise<UserPrincipal> {
    const { claims } = await this.openSession();
    const principal = await resolvePrincipal(this.dataSource, claims);
    if (!principal) throw new Error(`user ${this.record.username} cannot sign in`);
    return principal;
  }

  /** A session row plus a signed access token and the refresh token for it. */
  async openSession() {
    const sessionId = randomUUID();
    const refreshToken = randomToken();
    await this.dataSource.getRepository(SessionRecord).insert({
      id: sessionId,
      userId: this.record.id,
      familyId: sessionId,
      refreshTokenHash: hashToken(refreshToken),
      activeOrganisationId: this.record.organisationId,
      expiresAt: new Date(Date.now() + 3_600_000),
      revokedAt: null,
      createdAt: new Date(),
    });
    const claims = { userId: this.record.id, sessionId };
    const { token } = await signAccessToken(claims, TEST_ACCESS_TOKEN_SECRET, 900);
    return { claims, accessToken: token, refreshToken };
  }
}

/** A seeded organisation. */
export class OrganisationSeed {
  constructor(
    private readonly dataSource: DataSource,
    readonly record: OrganisationRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  async createUser(roleKey: string, username = unique(roleKey.toLowerCase())): Promise<UserSeed> {
    const record = await withTransaction(this.dataSource, (manager) =>
      createUserWithRole(manager, { organisationId: this.record.id, username, roleKey, password: SEED_PASSWORD }),
    );
    return new UserSeed(this.dataSource, record);
  }

  async createCustomer(name = unique('customer')): Promise<OrganisationSeed> {
    const { organisation: record } = await withTransaction(this.dataSource, (manager) =>
      provisionOrganisation(manager, {
        accountId: this.record.accountId,
        kind: OrganisationKind.CUSTOMER,
        name,
        managingOrganisationId: this.record.id,
      }),
    );
    return new OrganisationSeed(this.dataSource, record);
  }
}

/** A seeded account with its default organisation and owner. */
export class AccountSeed {
  constructor(
    private readonly dataSource: DataSource,
    readonly record: AccountRecord,
    readonly defaultOrganisation: OrganisationSeed,
    readonly owner: UserSeed,
  ) {}

  async createOrganisation(name = unique('sub')): Promise<OrganisationSeed> {
    const { organisation: record } = await withTransaction(this.dataSource, (manager) =>
      provisionOrganisation(manager, { accountId: this.record.id, kind: OrganisationKind.SUB, name }),
    );
    return new OrganisationSeed(this.dataSource, record);
  }
}

/** Fluent seeding for black-box tests: `initSeed(db).createAccount()` → `.createOrganisation()` → `.createUser('OPERATOR')`. */
export function initSeed(dataSource: DataSource) {
  return {
    async createAccount(name = unique('account'), seatLimit = 50): Promise<AccountSeed> {
      return withTransaction(dataSource, async (manager) => {
        const { account, organisation } = await createAccount(manager, name, seatLimit);
        const owner = await createUserWithRole(manager, {
          organisationId: organisation.id,
          username: unique('owner'),
          roleKey: 'OWNER',
          password: SEED_PASSWORD,
        });
        await setAccountOwner(manager, account.id, owner.id);
        return new AccountSeed(
          dataSource,
          { ...account, ownerUserId: owner.id },
          new OrganisationSeed(dataSource, organisation),
          new UserSeed(dataSource, owner),
        );
      });
    },
  };
}
