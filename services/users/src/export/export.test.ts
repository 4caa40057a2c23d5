import type { UserPrincipal } from '@tenantry/auth';
import { UserRecord } from '@tenantry/users-module';
import type { AccountSeed } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { errorCode, startTestbed } from '../testing/users.testkit';
import { neutraliseFormula } from './export.service';

const CSV = `query($organisationId: ID!) { usersCsv(organisationId: $organisationId) }`;

describe('users CSV export', () => {
  let bed: UsersTestbed;
  let account: AccountSeed;
  let owner: UserPrincipal;

  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.seed.createAccount();
    owner = await account.owner.principal();
  });
  afterAll(() => bed.close());

  it('has a header and one properly quoted row per user, with status, role and two-factor', async () => {
    const sub = await account.createOrganisation();
    const quoted = await sub.createUser('OPERATOR', `quoted.${process.pid}`);
    await bed.db.dataSource.getRepository(UserRecord).update({ id: quoted.id }, { firstName: 'Anne, "the" Great', lastName: 'Line\nBreak', totpEnabled: true });
    await sub.createUser('MANAGER', `manager.${process.pid}`);
    owner = await account.owner.principal();
    const csv = (await bed.query(owner, CSV, { organisationId: sub.id })).data.usersCsv as string;
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('username,firstName,lastName,email,status,role,tfaEnabled,lastLoginAt,createdAt');
    expect(csv).toContain(`quoted.${process.pid},"Anne, ""the"" Great","Line\nBreak",quoted.${process.pid}@example.com,ACTIVE,OPERATOR,true,,`);
    expect(csv).toContain(`manager.${process.pid},manager,Example,manager.${process.pid}@example.com,ACTIVE,MANAGER,false,,`);
    // Header and two records: the quoted line break stays inside its field.
    expect(lines.filter((line) => line.length > 0)).toHaveLength(3);
  });

  it('neutralises cells that spreadsheets would run as formulas', async () => {
    const sub = await account.createOrganisation();
    const user = await sub.createUser('OPERATOR', `formula.${process.pid}`);
    await bed.db.dataSource.getRepository(UserRecord).update({ id: user.id }, { firstName: '=HYPERLINK("http://evil")', lastName: '+1+1', email: '@SUM(A1)' });
    owner = await account.owner.principal();
    const csv = (await bed.query(owner, CSV, { organisationId: sub.id })).data.usersCsv as string;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")",'+1+1,'@SUM(A1)`);
    expect(neutraliseFormula('-2')).toBe("'-2");
    expect(neutraliseFormula('\tx')).toBe("'\tx");
    expect(neutraliseFormula('plain')).toBe('plain');
  });

  it('needs users.export, and answers a foreign organisation like a missing one', async () => {
    const operator = await (await account.defaultOrganisation.createUser('OPERATOR')).principal();
    expect(errorCode(await bed.query(operator, CSV, { organisationId: account.defaultOrganisation.id }))).toBe('FORBIDDEN');
    const stranger = await (await bed.seed.createAccount()).owner.principal();
    expect(errorCode(await bed.query(stranger, CSV, { organisationId: account.defaultOrganisation.id }))).toBe('NOT_FOUND');
  });
});
