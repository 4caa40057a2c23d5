import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import type { GetRouteHandler } from '@tenantry/federation';
import { choosePageLanguage } from './language';
import { ACCOUNT_PAGES, ASSET_PATHS, renderAccountPage } from './render';

/**
 * Sent with every page and asset: nothing from another origin, no framing, forms post only
 * here, and no Referer (the token is in the URL) and no cached copy of a page with a token.
 */
export const ACCOUNT_PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

// Copied next to the compiled code by the build (gateway/package.json); read once at start.
const ASSETS_DIR = join(__dirname, 'assets');

function send(reply: FastifyReply, contentType: string, body: string): FastifyReply {
  return reply.code(200).headers(ACCOUNT_PAGE_HEADERS).type(contentType).send(body);
}

function assetRoute(file: string, contentType: string): GetRouteHandler {
  const body = readFileSync(join(ASSETS_DIR, file), 'utf8');
  return (_request, _url, reply) => send(reply, contentType, body);
}

/** GET routes of the account pages mail links point to (/activate, /reset-password, …) and their assets. */
export function accountPageRoutes(): Record<string, GetRouteHandler> {
  const routes: Record<string, GetRouteHandler> = {
    [ASSET_PATHS.script]: assetRoute('account.js', 'text/javascript; charset=utf-8'),
    [ASSET_PATHS.stylesheet]: assetRoute('account.css', 'text/css; charset=utf-8'),
  };
  for (const page of ACCOUNT_PAGES) {
    routes[`/${page}`] = (request, url, reply) => {
      const language = choosePageLanguage(url.searchParams.get('lang'), request.headers['accept-language']);
      return send(reply, 'text/html; charset=utf-8', renderAccountPage(page, language));
    };
  }
  return routes;
}
