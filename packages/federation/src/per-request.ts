/** Builds a value on first use and keeps it for the rest of the request. */
export function perRequest<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
