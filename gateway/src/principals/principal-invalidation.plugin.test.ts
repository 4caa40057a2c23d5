import { isDeepStrictEqual } from 'node:util';
import { parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { testUserPrincipal } from '@tenantry/testing';
import type { PrincipalEffects } from './principal-effects';
import { principalEffects } from './principal-effects';
import { PrincipalCache } from './principal-cache';
import { principalInvalidationPlugin } from './principal-invalidation.plugin';
import { LocalPrincipalInvalidations } from './principal-invalidations';

const caller = testUserPrincipal({ userId: 'caller', sessionId: 'caller-session', accountId: 'caller-account' });
const adopted = testUserPrincipal({ userId: 'adopted', sessionId: 'adopted-session', accountId: 'adopted-account' });

/** Runs the plugin's hooks for one operation as Apollo would: `ran` says whether execution started (a refused request never does). */
async function answer(document: string, effects: (cache: PrincipalCache) => PrincipalEffects, ran = true) {
  const cache = new PrincipalCache({ ttlMs: 60_000 });
  const invalidations = new LocalPrincipalInvalidations(cache);
  const published = jest.spyOn(invalidations, 'publish');
  const plugin = principalInvalidationPlugin(cache, invalidations, () => undefined);
  const hooks = (await plugin.requestDidStart!({} as never))!;
  const contextValue = { principalEffects: effects(cache) };
  if (ran) await hooks.executionDidStart!({} as never);
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  await hooks.willSendResponse!({ contextValue, operation } as never);
  const kept = await cache.resolve({ userId: adopted.userId, sessionId: adopted.sessionId }, async () => testUserPrincipal({ roleKey: 'LOOKED_UP' }));
  return { published: published.mock.calls.map(([invalidation]) => invalidation), keptAdopted: isDeepStrictEqual(kept, contextValue.principalEffects.adopted) };
}

const withAdopted = (cache: PrincipalCache, from?: typeof caller): PrincipalEffects => ({ ...principalEffects(from, cache.generation), adopted });

describe('the principal invalidation plugin', () => {
  it("keeps the session a lone login established and flushes nobody's principals", async () => {
    expect(await answer('mutation { login(username: "a", password: "b") { accessToken } }', (cache) => withAdopted(cache))).toEqual({
      published: [],
      keptAdopted: true,
    });
  });

  it("forgets the adopted session's account, and keeps nothing, when more root fields ran as it, also inside a fragment", async () => {
    for (const document of [
      'mutation { login(username: "a", password: "b") { accessToken } logout }',
      'mutation { ... on Mutation { login(username: "a", password: "b") { accessToken } logout } }',
    ]) {
      expect(await answer(document, (cache) => withAdopted(cache))).toEqual({
        published: [{ accountIds: ['adopted-account'], userIds: [] }],
        keptAdopted: false,
      });
    }
  });

  it("forgets the signed-in caller's account after their mutation ran, and nothing when it was refused before running", async () => {
    const ofCaller = (cache: PrincipalCache) => principalEffects(caller, cache.generation);
    expect((await answer('mutation { logout }', ofCaller)).published).toEqual([{ accountIds: ['caller-account'], userIds: [] }]);
    expect((await answer('mutation { logout }', ofCaller, false)).published).toEqual([]);
  });

  it('forgets the users the users subgraph named, even for an anonymous mutation', async () => {
    const named = (cache: PrincipalCache) => ({ ...principalEffects(undefined, cache.generation), changedUserIds: new Set(['locked-user']) });
    expect((await answer('mutation { login(username: "a", password: "wrong") { accessToken } }', named)).published).toEqual([
      { accountIds: [], userIds: ['locked-user'] },
    ]);
  });
});
