import type { RequestScope } from '@tenantry/federation';
import { currentRequestScope } from '@tenantry/federation';

const changedUsers = new WeakMap<RequestScope, Set<string>>();

/**
 * Notes that the current request changed what the principal of `userId` resolves to (its sessions
 * ended, it was locked), wherever that write happens: the users subgraph names these users to the
 * gateway, which forgets the principals it kept for them before answering, including after
 * anonymous mutations (wrong logins, password resets, refresh-token reuse). Outside a request (jobs)
 * nothing is noted: the gateway's PRINCIPAL_CACHE_TTL_SECONDS bounds those (docs/architecture.md: request path).
 */
export function markPrincipalChange(userId: string): void {
  const scope = currentRequestScope();
  if (!scope) return;
  const users = changedUsers.get(scope) ?? new Set<string>();
  users.add(userId);
  changedUsers.set(scope, users);
}

/** The users the current request changed the principal of, so far. */
export function principalChangesOfRequest(): string[] {
  const scope = currentRequestScope();
  return scope ? [...(changedUsers.get(scope) ?? [])] : [];
}
