/**
 * The users whose principal one request changed (their sessions ended, they were locked), wherever
 * in the request the write happened: the users subgraph names them to the gateway, which forgets
 * the principals it kept for them before answering, including after anonymous mutations (wrong
 * logins, password resets, refresh-token reuse). Each request's context holds one, and every write
 * that ends sessions takes it (endSessions), so none can leave the gateway untold. Passed, not
 * found through AsyncLocalStorage (docs/architecture.md: the request path).
 */
export class ChangedPrincipals {
  private readonly noted = new Set<string>();

  note(userId: string): void {
    this.noted.add(userId);
  }

  /** The users noted so far, as PRINCIPAL_CHANGES_EXTENSION names them. */
  get userIds(): string[] {
    return [...this.noted];
  }
}
