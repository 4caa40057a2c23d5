import type { Caller, TenancyAtScale } from './testing/tenancy-at-scale';
import { largestPrincipal, startTenancyAtScale } from './testing/tenancy-at-scale';

const CUSTOMERS = 10_000;
/** Most HTTP servers and proxies cap all headers of a request at 8 to 16 KB; the principal must stay far below. */
const PRINCIPAL_LIMIT_BYTES = 2_048;

describe(`an account with ${CUSTOMERS.toLocaleString('en')} customer organisations, through the gateway`, () => {
  let scale: TenancyAtScale;

  beforeAll(async () => {
    scale = await startTenancyAtScale(CUSTOMERS);
  }, 120_000);
  afterAll(() => scale?.close());

  const answers = async (caller: Caller) => {
    const { response, principals } = await scale.ask(caller);
    const refused = principals.filter((each) => each.status !== 200).map((each) => `${each.subgraph} ${each.path}: HTTP ${each.status}`);
    return { errors: response.errors, refused, principalBytes: largestPrincipal(principals), data: response.data };
  };

  it('the owner reads me, and the principal the gateway sends each subgraph stays under 2 KB', async () => {
    const { errors, refused, principalBytes, data } = await answers('owner');
    expect({ errors, refused, underLimit: principalBytes < PRINCIPAL_LIMIT_BYTES, principalBytes }).toEqual({
      errors: undefined,
      refused: [],
      underLimit: true,
      principalBytes,
    });
    expect(data.me).toMatchObject({ username: 'demo.owner', organisation: { name: 'Demo' } });
  });

  it('a manager of the managing organisation pages through all of them, 50 at a time, with a small principal', async () => {
    const { errors, refused, principalBytes, data } = await answers('manager');
    expect({ errors, refused, underLimit: principalBytes < PRINCIPAL_LIMIT_BYTES, principalBytes }).toEqual({
      errors: undefined,
      refused: [],
      underLimit: true,
      principalBytes,
    });
    expect(data.organisations.edges).toHaveLength(50);
    // "Demo" and every customer it manages; "Demo Support" only if the owner granted it.
    expect(data.organisations.totalCount).toBe(CUSTOMERS + 1);
  });

  it('a customer administrator reads me, with a small principal', async () => {
    const { errors, refused, principalBytes, data } = await answers('customer');
    expect({ errors, refused, underLimit: principalBytes < PRINCIPAL_LIMIT_BYTES, principalBytes }).toEqual({
      errors: undefined,
      refused: [],
      underLimit: true,
      principalBytes,
    });
    expect(data.me).toMatchObject({ username: 'demo.customer.admin', organisation: { name: 'Acme Customer' } });
  });
});
