import type { AccessClaims, Principal, UserPrincipal } from '@tenantry/auth';
import { ANONYMOUS } from '@tenantry/auth';
import { PrincipalCache } from './principal-cache';

const claims: AccessClaims = { userId: 'user-1', sessionId: 'session-1' };
const principalOf = (userId: string, sessionId: string, accountId = 'account-1'): UserPrincipal =>
  ({
    kind: 'user',
    userId,
    sessionId,
    accountId,
    roleKey: 'OPERATOR',
    permissions: [],
    grantedOrganisationIds: ['organisation-2'],
  }) as unknown as UserPrincipal;
const principal = principalOf('user-1', 'session-1');

/** A lookup that answers when the test says so, as the users subgraph does some time after being asked. */
function pendingLookup() {
  let answer!: (principal: Principal) => void;
  const lookup = jest.fn(() => new Promise<Principal>((resolve) => (answer = resolve)));
  return { lookup, answer: (value: Principal) => answer(value) };
}

describe('the principal cache', () => {
  let now = 1_000_000;
  const cache = () => new PrincipalCache({ ttlMs: 60_000, now: () => now });

  it('answers the second request of a session without a lookup', async () => {
    const principals = cache();
    const lookup = jest.fn(async () => principal);
    expect(await principals.resolve(claims, lookup)).toBe(principal);
    expect(await principals.resolve(claims, lookup)).toEqual(principal);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('keeps one frozen permission list for the sessions of a role, each session its own frozen principal', async () => {
    const principals = cache();
    const sessions = ['session-1', 'session-2'].map((sessionId) => ({ ...principalOf('user-1', sessionId), permissions: ['users.read', 'chats.access'] }));
    for (const kept of sessions) await principals.resolve({ userId: 'user-1', sessionId: kept.sessionId }, async () => kept);
    const [first, second] = await Promise.all(
      sessions.map((kept) => principals.resolve({ userId: 'user-1', sessionId: kept.sessionId }, async () => ANONYMOUS) as Promise<UserPrincipal>),
    );
    expect([first.sessionId, second.sessionId]).toEqual(['session-1', 'session-2']);
    expect(first.permissions).toEqual(['users.read', 'chats.access']);
    expect(first.permissions).toBe(second.permissions);
    expect(Object.isFrozen(first.permissions)).toBe(true);
    // What is derived from a kept principal may be remembered by its identity (PrincipalTokens): nothing may change it.
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.grantedOrganisationIds).toEqual(['organisation-2']);
    expect(Object.isFrozen(first.grantedOrganisationIds)).toBe(true);
  });

  it('drops the entries whose time is up at the next request, whoever makes it', async () => {
    const principals = cache();
    for (const sessionId of ['session-1', 'session-2', 'session-3'])
      await principals.resolve({ userId: 'user-1', sessionId }, async () => principalOf('user-1', sessionId));
    expect(principals.keptSessions()).toBe(3);
    now += 60_000;
    expect(principals.keptSessions()).toBe(3);
    await principals.resolve({ userId: 'user-9', sessionId: 'session-9' }, async () => ANONYMOUS);
    expect(principals.keptSessions()).toBe(0);
  });

  it('does not keep a lookup that started before an invalidation and answered after it (it may have read the rows before the mutation)', async () => {
    const principals = cache();
    const { lookup, answer } = pendingLookup();
    const first = principals.resolve(claims, lookup);
    principals.invalidate({ accountIds: ['account-1'], userIds: [] });
    answer(principal);
    expect(await first).toBe(principal);
    const fresh = jest.fn(async () => ANONYMOUS);
    expect(await principals.resolve(claims, fresh)).toEqual(ANONYMOUS);
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it('does not keep it even when the invalidation named somebody else (any invalidation moves the generation)', async () => {
    const principals = cache();
    const { lookup, answer } = pendingLookup();
    const first = principals.resolve(claims, lookup);
    principals.invalidate({ accountIds: ['another-account'], userIds: [] });
    answer(principal);
    await first;
    const again = jest.fn(async () => principal);
    await principals.resolve(claims, again);
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('shares one lookup among concurrent requests of a session, but not with a request that came after an invalidation', async () => {
    const principals = cache();
    const { lookup, answer } = pendingLookup();
    const first = principals.resolve(claims, lookup);
    const second = principals.resolve(claims, lookup);
    expect(lookup).toHaveBeenCalledTimes(1);
    principals.invalidate({ accountIds: [], userIds: ['user-1'] });
    const afterRevocation = jest.fn(async () => ANONYMOUS);
    const third = principals.resolve(claims, afterRevocation);
    answer(principal);
    expect(await first).toBe(principal);
    expect(await second).toBe(principal);
    expect(await third).toEqual(ANONYMOUS);
  });

  it('forgets the sessions of the accounts and users an invalidation names, and only those', async () => {
    const principals = cache();
    const other = principalOf('user-2', 'session-2', 'account-2');
    await principals.resolve(claims, async () => principal);
    await principals.resolve({ userId: 'user-2', sessionId: 'session-2' }, async () => other);
    principals.invalidate({ accountIds: [], userIds: ['user-1'] });
    const lookups = jest.fn(async () => principal);
    await principals.resolve(claims, lookups);
    await principals.resolve({ userId: 'user-2', sessionId: 'session-2' }, lookups);
    expect(lookups).toHaveBeenCalledTimes(1);
    principals.invalidate({ accountIds: ['account-2'], userIds: [] });
    await principals.resolve({ userId: 'user-2', sessionId: 'session-2' }, async () => other);
    await principals.resolve({ userId: 'user-2', sessionId: 'session-2' }, lookups);
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it('looks a session up again once its entry is older than the TTL', async () => {
    const principals = cache();
    const lookup = jest.fn(async () => principal);
    await principals.resolve(claims, lookup);
    now += 59_999;
    await principals.resolve(claims, lookup);
    expect(lookup).toHaveBeenCalledTimes(1);
    now += 1;
    await principals.resolve(claims, lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('never answers a session for another user id than the one kept', async () => {
    const principals = cache();
    await principals.resolve(claims, async () => principal);
    const lookup = jest.fn(async () => ANONYMOUS);
    expect(await principals.resolve({ userId: 'user-2', sessionId: 'session-1' }, lookup)).toEqual(ANONYMOUS);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('keeps no refusal: an anonymous answer is asked again', async () => {
    const principals = cache();
    const lookup = jest.fn(async () => ANONYMOUS);
    await principals.resolve(claims, lookup);
    await principals.resolve(claims, lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('while suspended (invalidations may be missed) serves and keeps nothing, and keeps no lookup that started before it resumed', async () => {
    const principals = cache();
    await principals.resolve(claims, async () => principal);
    principals.suspend();
    const lookup = jest.fn(async () => principal);
    await principals.resolve(claims, lookup);
    await principals.resolve(claims, lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
    const { lookup: slow, answer } = pendingLookup();
    const during = principals.resolve(claims, slow);
    principals.resume();
    answer(principal);
    await during;
    await principals.resolve(claims, lookup);
    expect(lookup).toHaveBeenCalledTimes(3);
    await principals.resolve(claims, lookup);
    expect(lookup).toHaveBeenCalledTimes(3);
  });

  it('drops the oldest session first when full', async () => {
    const principals = new PrincipalCache({ ttlMs: 60_000, maxEntries: 2, now: () => now });
    for (const n of [1, 2, 3])
      await principals.resolve({ userId: `user-${n}`, sessionId: `session-${n}` }, async () => principalOf(`user-${n}`, `session-${n}`));
    const lookup = jest.fn(async () => principalOf('user-1', 'session-1'));
    await principals.resolve({ userId: 'user-3', sessionId: 'session-3' }, lookup);
    await principals.resolve({ userId: 'user-2', sessionId: 'session-2' }, lookup);
    expect(lookup).toHaveBeenCalledTimes(0);
    await principals.resolve({ userId: 'user-1', sessionId: 'session-1' }, lookup);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('with a TTL of 0 asks on every request', async () => {
    const principals = new PrincipalCache({ ttlMs: 0 });
    const lookup = jest.fn(async () => principal);
    await principals.resolve(claims, lookup);
    await principals.resolve(claims, lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
  });
});
