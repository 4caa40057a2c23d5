import { GatewayMetrics } from './gateway-metrics';

describe('the gauges read from the users subgraph at scrape time', () => {
  it('shows the answered figures', async () => {
    const metrics = new GatewayMetrics({ read: async () => ({ backlog: 2, oldestDueSeconds: 7, lockedUsers: 1 }) });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^tenantry_mail_outbox_backlog\{subgraph="users"\} 2$/m);
    expect(text).toMatch(/^tenantry_mail_outbox_oldest_due_seconds\{subgraph="users"\} 7$/m);
    expect(text).toMatch(/^tenantry_users_locked\{subgraph="users"\} 1$/m);
  });

  it('leaves them out of a scrape when the question fails, and the scrape still answers', async () => {
    let fail = false;
    const metrics = new GatewayMetrics({
      read: async () => {
        if (fail) throw new Error('users subgraph away');
        return { backlog: 2, oldestDueSeconds: 7, lockedUsers: 1 };
      },
    });
    await metrics.registry.metrics();
    fail = true;
    await new Promise((resolve) => setImmediate(resolve));
    const text = await metrics.registry.metrics();
    expect(text).not.toMatch(/^tenantry_mail_outbox_backlog\{/m);
    expect(text).not.toMatch(/^tenantry_users_locked\{/m);
    expect(text).toContain('tenantry_graphql_requests_total');
  });
});
