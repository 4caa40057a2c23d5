import { ConfigurationError, parseSubgraphRegistry, readEnvironment, subgraphPort, subgraphRegistry, subgraphUrl } from '.';

const entry = (name: string, port: number) => `
  ${name}:
    routing_url: http://localhost:${port}/graphql
    port: ${port}
    workspace: '@tenantry/${name}'
    entry: dist/main.js
    schema:
      file: ./${name}.graphql`;

describe('the subgraph registry (schema/supergraph.yaml)', () => {
  it('lists the three subgraphs with the ports, variables and start scripts they always had', () => {
    expect(
      subgraphRegistry().map(({ name, port, portVariable, urlVariable, routingUrl, workspace, entry: script }) => [
        name,
        port,
        portVariable,
        urlVariable,
        routingUrl,
        workspace,
        script,
      ]),
    ).toEqual([
      ['organisations', 4001, 'ORGANISATIONS_PORT', 'SUBGRAPH_URL_ORGANISATIONS', 'http://localhost:4001/graphql', '@tenantry/organisations', 'dist/main.js'],
      ['users', 4002, 'USERS_PORT', 'SUBGRAPH_URL_USERS', 'http://localhost:4002/graphql', '@tenantry/users', 'dist/main.js'],
      ['permissions', 4003, 'PERMISSIONS_PORT', 'SUBGRAPH_URL_PERMISSIONS', 'http://localhost:4003/graphql', '@tenantry/permissions', 'dist/main.js'],
    ]);
  });

  it('routes each subgraph to the port it listens on by default', () => {
    for (const subgraph of subgraphRegistry()) expect(new URL(subgraph.routingUrl).port).toBe(String(subgraph.port));
  });

  it('gives the registry defaults when no variable is set', () => {
    const env = readEnvironment({});
    expect([env.ORGANISATIONS_PORT, env.USERS_PORT, env.PERMISSIONS_PORT]).toEqual([4001, 4002, 4003]);
    expect([env.SUBGRAPH_URL_ORGANISATIONS, env.SUBGRAPH_URL_USERS, env.SUBGRAPH_URL_PERMISSIONS]).toEqual([undefined, undefined, undefined]);
    expect(subgraphRegistry().map((subgraph) => subgraphUrl(env, subgraph))).toEqual([
      'http://localhost:4001/graphql',
      'http://localhost:4002/graphql',
      'http://localhost:4003/graphql',
    ]);
  });

  it('lets <NAME>_PORT and SUBGRAPH_URL_<NAME> override one subgraph and leaves the others alone', () => {
    const env = readEnvironment({ USERS_PORT: '5102', SUBGRAPH_URL_USERS: 'http://users.internal:8080/graphql' });
    const [organisations, users] = subgraphRegistry();
    expect(env.USERS_PORT).toBe(5102);
    expect(subgraphPort(env, users)).toBe(5102);
    expect(subgraphUrl(env, users)).toBe('http://users.internal:8080/graphql');
    expect(subgraphPort(env, organisations)).toBe(4001);
    expect(subgraphUrl(env, organisations)).toBe('http://localhost:4001/graphql');
  });

  it('names a bad subgraph variable together with every other bad variable', () => {
    expect(() => readEnvironment({ PERMISSIONS_PORT: 'eighty', SUBGRAPH_URL_ORGANISATIONS: 'not a url', PORT: '0' })).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          expect.stringMatching(/^PORT /),
          expect.stringMatching(/^PERMISSIONS_PORT must be a port number/),
          expect.stringMatching(/^SUBGRAPH_URL_ORGANISATIONS must be an absolute URL/),
        ]),
      }),
    );
  });

  it('derives the variables of a subgraph added with one entry', () => {
    const registry = parseSubgraphRegistry(`subgraphs:${entry('users', 4002)}${entry('audit-log', 4004)}\n`, 'test.yaml');
    expect(registry.map(({ name, portVariable, urlVariable }) => [name, portVariable, urlVariable])).toEqual([
      ['users', 'USERS_PORT', 'SUBGRAPH_URL_USERS'],
      ['audit-log', 'AUDIT_LOG_PORT', 'SUBGRAPH_URL_AUDIT_LOG'],
    ]);
    expect(readEnvironment({}, registry).AUDIT_LOG_PORT).toBe(4004);
    expect(readEnvironment({ AUDIT_LOG_PORT: '5104' }, registry).AUDIT_LOG_PORT).toBe(5104);
  });

  it('refuses an entry without a port, naming the file and the entry', () => {
    const text = `subgraphs:${entry('users', 4002).replace(/\n {4}port: 4002/, '')}\n`;
    expect(() => parseSubgraphRegistry(text, 'test.yaml')).toThrow(ConfigurationError);
    expect(() => parseSubgraphRegistry(text, 'test.yaml')).toThrow(/test\.yaml: subgraphs\.users\.port/);
  });
});
