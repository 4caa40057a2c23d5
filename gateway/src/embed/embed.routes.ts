import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import { normaliseOrigin } from '@tenantry/config';
import type { GetRouteHandler } from '@tenantry/federation';
import { choosePageLanguage } from '../pages/language';
import type { EmbedOrigins } from './embed-origin.client';
import type { EmbedRefusal } from './embed.render';
import { EMBED_PATHS, renderCustomerLogin, renderEmbedRefusal } from './embed.render';

/** Sent with every embed page: the account pages' rules (docs/product.md#embeddable-customer-login), framing aside. */
const PAGE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** The policy of the login view: nothing from another origin, framed by `frameAncestors` only. */
export function embedContentSecurityPolicy(frameAncestors: string): string {
  return `default-src 'self'; frame-ancestors ${frameAncestors}; form-action 'self'; base-uri 'none'`;
}

const REFUSAL_STATUS: Record<EmbedRefusal, number> = { link: 400, origin: 403, unavailable: 503 };

/** Organisation ids are UUIDs; anything much longer is not asked about. */
const ORGANISATION_ID = /^[A-Za-z0-9-]{1,64}$/;

// Copied next to the compiled code by the build (gateway/package.json); read once at start.
const ASSETS_DIR = join(__dirname, 'assets');

function sendPage(reply: FastifyReply, status: number, frameAncestors: string, html: string): FastifyReply {
  return reply
    .code(status)
    .headers({ ...PAGE_HEADERS, 'content-security-policy': embedContentSecurityPolicy(frameAncestors) })
    .type('text/html; charset=utf-8')
    .send(html);
}

/**
 * GET /embed/customer-login (the login view, framable only by an origin the organisation lists),
 * its script, and /embed/tenantry.js, the one script a portal includes.
 */
export function embedRoutes(embedOrigins: EmbedOrigins): Record<string, GetRouteHandler> {
  const loginScript = readFileSync(join(ASSETS_DIR, 'customer-login.js'), 'utf8');
  const portalScript = readFileSync(join(ASSETS_DIR, 'tenantry.js'), 'utf8');
  return {
    [EMBED_PATHS.page]: async (request, url, reply) => {
      const language = choosePageLanguage(url.searchParams.get('lang'), request.headers['accept-language']);
      const origin = normaliseOrigin(url.searchParams.get('origin') ?? '');
      const organisationId = url.searchParams.get('organisation') ?? '';
      const refuse = (refusal: EmbedRefusal) => sendPage(reply, REFUSAL_STATUS[refusal], "'none'", renderEmbedRefusal(language, refusal, origin ?? undefined));
      if (!origin || !ORGANISATION_ID.test(organisationId)) return refuse('link');
      let listed: boolean;
      try {
        listed = await embedOrigins.isListedFor(origin, organisationId);
      } catch (error) {
        request.log.warn({ err: error }, 'embed origin check failed');
        return refuse('unavailable');
      }
      if (!listed) return refuse('origin');
      return sendPage(reply, 200, origin, renderCustomerLogin(language, origin, organisationId));
    },
    [EMBED_PATHS.script]: (_request, _url, reply) =>
      reply
        .code(200)
        .headers({ ...PAGE_HEADERS, 'content-security-policy': embedContentSecurityPolicy("'none'") })
        .type('text/javascript; charset=utf-8')
        .send(loginScript),
    // Included by the portal's own pages, from their origin: no-store would only slow them down.
    [EMBED_PATHS.portalScript]: (_request, _url, reply) =>
      reply
        .code(200)
        .headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=300', 'cross-origin-resource-policy': 'cross-origin' })
        .type('text/javascript; charset=utf-8')
        .send(portalScript),
  };
}
