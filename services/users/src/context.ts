import { DataSource } from '@tenantry/database';
import { Principal, requireUser } from '@tenantry/auth';
import { perRequest } from '@tenantry/federation';
import { UserService } from './user/user.service';
import { SessionService, SessionSettings } from './session/session.service';

/** Per-request context: the principal and services already scoped to what it may see. */
export interface UsersContext {
  principal: Principal;
  signedInUserId?: string;
  users: () => UserService;
  sessions: SessionService;
}

export function createContextFactory(dataSource: DataSource, settings: SessionSettings) {
  const sessions = new SessionService(dataSource, settings);
  return (principal: Principal): UsersContext => ({
    principal,
    users: perRequest(() => new UserService(dataSource, requireUser(principal))),
    sessions,
  });
}
