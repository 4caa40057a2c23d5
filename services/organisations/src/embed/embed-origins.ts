import { normaliseOrigin } from '@tenantry/config';
import { graphqlError } from '@tenantry/auth';
import { MAX_EMBED_ORIGIN_LENGTH } from '@tenantry/organisations-module';

/** How many portal origins one organisation may list (docs/product.md#embeddable-customer-login). */
export const MAX_EMBED_ORIGINS = 20;

/**
 * The list to store: each entry an http(s) origin in normal form, duplicates dropped, sorted;
 * BAD_USER_INPUT naming the first entry that is no origin, or a list that is too long.
 */
export function normaliseEmbedOrigins(list: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const entry of list) {
    const origin = normaliseOrigin(entry);
    if (!origin || origin.length > MAX_EMBED_ORIGIN_LENGTH) {
      throw graphqlError(
        'BAD_USER_INPUT',
        `embedOrigins: "${entry.slice(0, 80)}" is not an origin such as https://portal.example.com (scheme, host and port only).`,
        {
          field: 'embedOrigins',
        },
      );
    }
    origins.add(origin);
  }
  if (origins.size > MAX_EMBED_ORIGINS) {
    throw graphqlError('BAD_USER_INPUT', `embedOrigins: at most ${MAX_EMBED_ORIGINS} origins.`, { field: 'embedOrigins' });
  }
  return [...origins].sort();
}
