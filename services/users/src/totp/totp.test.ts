import { UserPrincipal } from '@tenantry/auth';
import { UserRecord } from '@tenantry/database';
import { SEED_PASSWORD, UserSeed } from '@tenantry/testing';
import { errorCode, LOGIN, startTestbed, UsersTestbed } from '../testing/users.testkit';
import { currentTotp } from './totp.verify';

describe('two-factor authentication (F35)', () => {
  let bed: UsersTestbed;
  let user: UserSeed;
  let principal: UserPrincipal;

  beforeAll(async () => {
    bed = await startTestbed();
    user = await (await bed.seed.createAccount()).defaultOrganisation.createUser('OPERATOR');
    principal = await user.principal();
  });
  afterAll(() => bed.close());

  const login = (totpCode?: string) => bed.anonymous(LOGIN, { username: user.record.username, password: SEED_PASSWORD, totpCode });
  const wrong = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');

  it('enable → confirm → required at login → disable', async () => {
    const setup = (await bed.query(principal, 'mutation { enableTotp { secret uri } }')).data.enableTotp;
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Tenantry:/);
    expect(setup.uri).toContain(`secret=${setup.secret}`);
    // Not on until confirmed.
    expect((await login()).errors).toBeUndefined();

    const code = currentTotp(setup.secret, bed.clock.now());
    expect(errorCode(await bed.query(principal, 'mutation($code: String!) { confirmTotp(code: $code) }', { code: wrong(code) }))).toBe('BAD_USER_INPUT');
    expect((await bed.query(principal, 'mutation($code: String!) { confirmTotp(code: $code) }', { code })).data).toEqual({ confirmTotp: true });

    const withoutCode = await login();
    expect(errorCode(withoutCode)).toBe('UNAUTHENTICATED');
    expect(withoutCode.errors![0].extensions).toMatchObject({ totpRequired: true });
    expect(errorCode(await login(wrong(code)))).toBe('UNAUTHENTICATED');
    const ok = await login(currentTotp(setup.secret, bed.clock.now()));
    expect(ok.errors).toBeUndefined();
    expect((await bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: user.id })).failedLoginCount).toBe(0);

    expect(errorCode(await bed.query(principal, 'mutation($code: String!) { disableTotp(code: $code) }', { code: '000000' === code ? '111111' : '000000' })))
      .toBe('BAD_USER_INPUT');
    expect((await bed.query(principal, 'mutation($code: String!) { disableTotp(code: $code) }', { code: currentTotp(setup.secret, bed.clock.now()) })).data)
      .toEqual({ disableTotp: true });
    expect((await login()).errors).toBeUndefined();
  });

  it('a code from ten minutes ago is refused', async () => {
    const setup = (await bed.query(principal, 'mutation { enableTotp { secret } }')).data.enableTotp;
    await bed.query(principal, 'mutation($code: String!) { confirmTotp(code: $code) }', { code: currentTotp(setup.secret, bed.clock.now()) });
    const stale = currentTotp(setup.secret, new Date(bed.clock.now().getTime() - 600_000));
    const current = currentTotp(setup.secret, bed.clock.now());
    if (stale !== current) expect(errorCode(await login(stale))).toBe('UNAUTHENTICATED');
    expect((await login(current)).errors).toBeUndefined();
  });

  it('is refused to anonymous callers', async () => {
    expect(errorCode(await bed.anonymous('mutation { enableTotp { secret } }'))).toBe('UNAUTHENTICATED');
  });
});
