import type { DataSource } from '@tenantry/database';
import type { RouteHandler } from '@tenantry/federation';
import { sendJson } from '@tenantry/federation';
import { outboxBacklog } from '@tenantry/mail';
import { UserRecord, UserStatus } from '@tenantry/users-module';

/** Path the gateway posts to at each metrics scrape (README: The edge). */
export const OPERATOR_FIGURES_ROUTE = '/internal/operator-figures';

/** The figures the gateway's /metrics shows from the database: the outbox backlog, its oldest due mail, and locked users. */
export function operatorFiguresRoute(dataSource: DataSource): RouteHandler {
  return async (_request, _body, response) => {
    const [outbox, lockedUsers] = await Promise.all([outboxBacklog(dataSource), dataSource.getRepository(UserRecord).countBy({ status: UserStatus.LOCKED })]);
    sendJson(response, 200, { ...outbox, lockedUsers });
  };
}
