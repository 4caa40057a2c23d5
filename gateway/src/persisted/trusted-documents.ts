import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ConfigurationError } from '@tenantry/config';

/** Trusted documents by the sha256 (hex) of their text, the hash APQ clients send. */
export type TrustedDocuments = ReadonlyMap<string, string>;

export interface TrustedDocumentsOptions {
  documents: TrustedDocuments;
  /** TRUSTED_DOCUMENTS_ONLY: refuse every document not in the manifest (a portal's own client only). */
  only: boolean;
}

/** The code a document outside the manifest is refused with when only trusted documents may run. */
export const NOT_ALLOWED_CODE = 'PERSISTED_QUERY_NOT_ALLOWED';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Apollo's generated manifest (`apollo-persisted-query-manifest`): `{ operations: [{ id, body }] }`. */
interface ApolloManifest {
  format: string;
  operations: { id: string; body: string }[];
}

function entriesOf(manifest: unknown): [string, unknown][] {
  if (manifest && typeof manifest === 'object' && Array.isArray((manifest as ApolloManifest).operations)) {
    return (manifest as ApolloManifest).operations.map((operation) => [operation?.id, operation?.body]);
  }
  if (manifest && typeof manifest === 'object' && !Array.isArray(manifest)) return Object.entries(manifest);
  throw new Error('must be a JSON object of sha256 → document, or an Apollo persisted query manifest');
}

/**
 * Reads TRUSTED_DOCUMENTS_FILE: a JSON object mapping each document's sha256 (hex) to its text,
 * as a client's build writes it, or Apollo's persisted query manifest. A hash that does not match
 * its text stops the start, naming it: a wrong manifest would otherwise refuse the client it serves.
 */
export function loadTrustedDocuments(file: string): TrustedDocuments {
  const fail = (reason: string) => new ConfigurationError([`TRUSTED_DOCUMENTS_FILE (${file}) ${reason}`]);
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw fail(`cannot be read as JSON: ${(error as Error).message}`);
  }
  const documents = new Map<string, string>();
  let entries: [string, unknown][];
  try {
    entries = entriesOf(manifest);
  } catch (error) {
    throw fail((error as Error).message);
  }
  for (const [hash, document] of entries) {
    const key = String(hash).toLowerCase();
    if (!SHA256_HEX.test(key) || typeof document !== 'string') throw fail(`has an entry that is not a sha256 hash with a document: ${String(hash)}`);
    if (sha256Hex(document) !== key) throw fail(`lists ${key}, which is not the sha256 of its document`);
    documents.set(key, document);
  }
  return documents;
}

/** The plugin's options from TRUSTED_DOCUMENTS_FILE and TRUSTED_DOCUMENTS_ONLY; ONLY without a file is refused. */
export function trustedDocumentsOptions(file: string | undefined, only: boolean): TrustedDocumentsOptions {
  if (only && !file) throw new ConfigurationError(['TRUSTED_DOCUMENTS_ONLY=true needs TRUSTED_DOCUMENTS_FILE (the manifest of the documents to allow)']);
  return { documents: file ? loadTrustedDocuments(file) : new Map(), only };
}

/**
 * Persisted documents at the gateway. Automatic persisted queries stay on (Apollo's cache): a
 * hash-only request for an unknown hash answers PERSISTED_QUERY_NOT_FOUND until the client sends
 * the text once. A manifest's documents are known by hash from the start. With `only`, a document
 * outside the manifest (sent as text, or by a hash the manifest lacks) is refused with 400
 * PERSISTED_QUERY_NOT_ALLOWED before it is parsed, and so never enters the APQ cache.
 */
export function trustedDocumentsPlugin({ documents, only }: TrustedDocumentsOptions): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      const hash = request.extensions?.persistedQuery?.sha256Hash;
      // Without a manifest nothing is trusted: no text is hashed (a hash per request was ~1 % of the gateway's CPU).
      const trusted =
        documents.size > 0 && (request.query === undefined ? typeof hash === 'string' && documents.has(hash) : documents.has(sha256Hex(request.query)));
      if (request.query === undefined && trusted) request.query = documents.get(hash as string);
      if (!only || trusted) return;
      // Nothing of the request is kept: Apollo stops at once (no document), and the answer is replaced below.
      request.query = undefined;
      request.extensions = undefined;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          response.body.singleResult = {
            errors: [{ message: 'Only trusted documents may run here, and this document is not one of them.', extensions: { code: NOT_ALLOWED_CODE } }],
          };
          response.http.status = 400;
        },
      };
    },
  };
}
