import type { AccessClaims, UserPrincipal } from '@tenantry/auth';
import { ANONYMOUS, signAccessToken } from '@tenantry/auth';
import type { GatewayContext } from './gateway';
import { principalEffects } from './principals/principal-effects';
import { sessionAdopter } from './session-adoption';

const SECRET = 'gateway-access-token-secret-of-32-chars';
const claims: AccessClaims = { userId: 'user-1', sessionId: 'session-1' };
const principal = { kind: 'user', userId: 'user-1', sessionId: 'session-1' } as UserPrincipal;

describe('adopting a session a mutation established', () => {
  const acting = (): GatewayContext => ({ principal: { ...principal, sessionId: 'earlier-session' } });

  it("acts as the principal of a token signed with the gateway's secret, resolved like a bearer token", async () => {
    const resolve = jest.fn(async () => principal);
    const context = acting();
    await sessionAdopter(SECRET, { resolve })((await signAccessToken(claims, SECRET, 60)).token, context);
    expect(resolve).toHaveBeenCalledWith(claims, { deadline: undefined, requestId: undefined, trace: undefined });
    expect(context.principal).toBe(principal);
  });

  it('acts as the principal the users subgraph sent for the verified session, without a lookup, and notes it for the principal cache', async () => {
    const resolve = jest.fn(async () => principal);
    const context: GatewayContext = { ...acting(), principalEffects: principalEffects(undefined, 0) };
    const established = { ...principal, roleKey: 'OWNER' } as UserPrincipal;
    await sessionAdopter(SECRET, { resolve })((await signAccessToken(claims, SECRET, 60)).token, context, established);
    expect(resolve).not.toHaveBeenCalled();
    expect(context.principal).toBe(established);
    expect(context.principalEffects?.adopted).toBe(established);
  });

  it('looks the session up when the principal sent belongs to another session', async () => {
    const resolve = jest.fn(async () => principal);
    const context = acting();
    await sessionAdopter(SECRET, { resolve })((await signAccessToken(claims, SECRET, 60)).token, context, { ...principal, sessionId: 'another-session' });
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(context.principal).toBe(principal);
  });

  it('acts as nobody for a token signed with another secret, without asking who it stands for', async () => {
    const resolve = jest.fn(async () => principal);
    const context = acting();
    await sessionAdopter(SECRET, { resolve })((await signAccessToken(claims, 'another-secret-of-at-least-32-chars', 60)).token, context);
    expect(resolve).not.toHaveBeenCalled();
    expect(context.principal).toEqual(ANONYMOUS);
  });

  it('acts as nobody, without failing the committed mutation, when the principal cannot be looked up', async () => {
    const context = acting();
    const adopt = sessionAdopter(SECRET, {
      resolve: async () => {
        throw new Error('principal lookup failed with HTTP 503');
      },
    });
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(adopt((await signAccessToken(claims, SECRET, 60)).token, context)).resolves.toBeUndefined();
    } finally {
      logged.mockRestore();
    }
    expect(context.principal).toEqual(ANONYMOUS);
  });
});
