/**
 * The users whose principal one request changed (their sessions ended, they were locked), wherever
 * in the request the write happened: the users subgraph names them to the gateway, which forgets
 * the principals it kept for them before answering, including after anonymous mutations (wrong
 * logins, password resets, refresh-token reuse). Each request's context holds one, and every write
 * that ends sessions takes it (endSessions), so none can leave the gateway untold. Passed, not
 * found through AsyncLocalStorage, whose promise hooks cost a third of this subgraph's CPU
 * (docs/architecture.md: request path).
 */
export class PrincipalChanges {
  private readonly userIds = new Set<string>();

  note(userId: string): void {
    this.userIds.add(userId);
  }

  /** The users noted so far. */
  get noted(): string[] {
    return [...this.userIds];
  }
}
