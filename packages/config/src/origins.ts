/**
 * An origin as browsers send it (`Origin`, `location.origin`) and compare it: `scheme://host[:port]`
 * with a lower-case host and no default port. Null for anything else: another scheme, a path, a
 * query, user information, or `null` (sandboxed frames and files have no origin to allow).
 */
export function normaliseOrigin(text: string): string | null {
  const trimmed = text.trim();
  if (!/^https?:\/\/[^/\s?#@\\]+\/?$/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.pathname === '/' && !url.search && !url.hash ? url.origin : null;
  } catch {
    return null;
  }
}
