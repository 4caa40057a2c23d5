import type { DataSource } from '@tenantry/database';
import { normaliseOrigin } from '@tenantry/config';
import { isEmbedOriginListed } from '@tenantry/organisations-module';
import type { RouteHandler } from '@tenantry/federation';
import { sendError, sendJson } from '@tenantry/federation';

/** Where the gateway asks whether an origin may embed the customer login, or call the graph cross-origin. */
export const EMBED_ORIGIN_ROUTE = '/internal/embed-origin';

interface EmbedOriginQuestion {
  origin: string;
  organisationId?: string;
}

function isQuestion(body: unknown): body is EmbedOriginQuestion {
  const question = body as Partial<EmbedOriginQuestion> | undefined;
  return typeof question?.origin === 'string' && (question.organisationId === undefined || typeof question.organisationId === 'string');
}

/**
 * Answers `{ listed }` for `{ origin, organisationId? }`: whether that organisation (or, without
 * one, any organisation) lists the origin. For the gateway only (internal routes need its
 * signature): it reveals no more than the embed page's frame-ancestors and the CORS answer do.
 */
export function embedOriginRoute(dataSource: DataSource): RouteHandler {
  return async (_request, body, response) => {
    if (!isQuestion(body)) return sendError(response, 400, 'BAD_USER_INPUT', 'Expected { origin, organisationId? }.');
    const origin = normaliseOrigin(body.origin);
    const listed = origin !== null && (await isEmbedOriginListed(dataSource.manager, origin, body.organisationId));
    sendJson(response, 200, { listed });
  };
}
