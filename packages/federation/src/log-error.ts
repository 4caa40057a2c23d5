/**
 * Logs an unexpected error without what it may carry: a failed query's parameters hold
 * password hashes, token hashes and TOTP secrets, so only name, message, driver code and stack go out.
 */
export function logInternalError(error: unknown): void {
  if (!(error instanceof Error)) {
    console.error('internal error (not an Error):', typeof error);
    return;
  }
  const driverCode = (error as { driverError?: { code?: string } }).driverError?.code;
  const message = (error as { query?: string }).query ? error.message.split('\n')[0] : error.message;
  console.error(`${error.name}: ${message}${driverCode ? ` [${driverCode}]` : ''}\n${error.stack?.split('\n').slice(1).join('\n') ?? ''}`);
}
