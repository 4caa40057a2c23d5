import type { DataSource } from '@tenantry/database';
import { PromotionRecord } from '@tenantry/permissions-module';
import type { AccountSeed, OrganisationSeed, UserSeed } from '@tenantry/testing';
import { initSeed } from '@tenantry/testing';

/** Who asks: the personas of the authorization matrix. */
export const PERSONAS = [
  'anonymous',
  'operatorA',
  'managerA',
  'ownerA',
  'operatorB',
  'promoted',
  'customerMember',
  'customerModerator',
  'customerAdministrator',
] as const;
export type Persona = (typeof PERSONAS)[number];

/**
 * The tenants the matrix runs against. Account Alpha: default organisation A0 (its owner), sub-
 * organisation A1 ("org A": operator, manager), sibling A2 ("org B": an operator, and one promoted
 * into A1), and customer K managed by A1. Account Zeta is foreign to everybody.
 */
export interface World {
  alpha: AccountSeed;
  a1: OrganisationSeed;
  a2: OrganisationSeed;
  customer: OrganisationSeed;
  foreign: AccountSeed;
  /** A customer of the foreign account, and its administrator. */
  foreignCustomer: OrganisationSeed;
  foreignCustomerAdministrator: UserSeed;
  users: Record<Exclude<Persona, 'anonymous'>, UserSeed>;
  /** A user of A1 who is nobody's persona: target of user-level rows. */
  colleague: UserSeed;
  dataSource: DataSource;
}

export async function buildWorld(dataSource: DataSource): Promise<World> {
  const seed = initSeed(dataSource);
  const alpha = await seed.createAccount('Alpha', 200);
  const a1 = await alpha.createOrganisation('Alpha One');
  const a2 = await alpha.createOrganisation('Alpha Two');
  const customer = await a1.createCustomer('Kappa Customer');
  const foreign = await seed.createAccount('Zeta', 10);
  const foreignCustomer = await foreign.defaultOrganisation.createCustomer('Zeta Customer');
  const promoted = await a2.createUser('OPERATOR');
  await dataSource.getRepository(PromotionRecord).insert({ userId: promoted.id, organisationId: a1.id, grantedAt: new Date() });
  // The owner has a colleague too, so every chat persona has somebody to hand a chat to.
  await alpha.defaultOrganisation.createUser('OPERATOR');
  return {
    alpha,
    a1,
    a2,
    customer,
    foreign,
    foreignCustomer,
    dataSource,
    foreignCustomerAdministrator: await foreignCustomer.createUser('ADMINISTRATOR'),
    colleague: await a1.createUser('OPERATOR'),
    users: {
      operatorA: await a1.createUser('OPERATOR'),
      managerA: await a1.createUser('MANAGER'),
      ownerA: alpha.owner,
      operatorB: await a2.createUser('OPERATOR'),
      promoted,
      customerMember: await customer.createUser('MEMBER'),
      customerModerator: await customer.createUser('MODERATOR'),
      customerAdministrator: await customer.createUser('ADMINISTRATOR'),
    },
  };
}
