import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyReply } from 'fastify';
import type { GetRouteHandler } from '@tenantry/federation';

/**
 * Sent with the page and its assets: everything comes from the gateway's own origin (no CDN, no
 * web fonts from elsewhere), nothing frames the playground, and no Referer leaves it.
 */
export const PLAYGROUND_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The page's policy: PLAYGROUND_HEADERS' plus one `<style>` nonce, fresh for every response, for the
 * style element GraphiQL's dialogs insert (react-remove-scroll; the page hands it the nonce through
 * `<meta name="csp-nonce">`). No other inline style or script runs: no 'unsafe-inline'.
 */
export function playgroundPagePolicy(styleNonce: string): string {
  return `${PLAYGROUND_HEADERS['content-security-policy']}; style-src 'self' 'nonce-${styleNonce}'`;
}

/** Where the page loads its bundle from (the build writes it there: gateway/scripts/build-playground.mjs). */
export const PLAYGROUND_ASSETS_PATH = '/playground/assets';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
};

/** The built bundle: beside the compiled code in dist, or the package's dist when running from source (tests). */
function bundleDirectory(): string | undefined {
  return [__dirname, join(__dirname, '..', '..', 'dist', 'playground')].find((folder) => existsSync(join(folder, 'manifest.json')));
}

/** The page: a root for the bundle, its script and stylesheet, and the style nonce of this response. */
export function renderPlaygroundPage(manifest: { script: string; stylesheet: string }, styleNonce: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="csp-nonce" content="${styleNonce}">
    <title>Tenantry playground</title>
    <link rel="stylesheet" href="${manifest.stylesheet}">
    <script src="${manifest.script}" defer></script>
  </head>
  <body>
    <div id="playground"></div>
    <noscript>The playground needs JavaScript. Any GraphQL client can POST to /graphql instead.</noscript>
  </body>
</html>
`;
}

function send(reply: FastifyReply, status: number, headers: Record<string, string>, body: Buffer | string): FastifyReply {
  return reply
    .code(status)
    .headers({ ...PLAYGROUND_HEADERS, ...headers })
    .send(body);
}

/** The page, or a plain explanation when the bundle was not built (the gateway still serves the graph). */
function pageRoute(folder: string | undefined): GetRouteHandler {
  if (!folder) {
    const text = 'The playground is not built: run `npm run build`.\n';
    return (_request, _url, response) => send(response, 503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, text);
  }
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
  return (_request, _url, response) => {
    const styleNonce = randomBytes(18).toString('base64');
    const headers = { 'content-security-policy': playgroundPagePolicy(styleNonce), 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    send(response, 200, headers, renderPlaygroundPage(manifest, styleNonce));
  };
}

/**
 * The playground's routes: `getRoutes` (the page at /playground and its assets, whose names carry
 * their content hash, so browsers keep them) and `browserRoutes` (the page again at /graphql for a
 * browser that asks for HTML; GraphQL clients on /graphql are not affected). Read once at start.
 */
export function playgroundRoutes(): { getRoutes: Record<string, GetRouteHandler>; browserRoutes: Record<string, GetRouteHandler> } {
  const folder = bundleDirectory();
  const page = pageRoute(folder);
  const getRoutes: Record<string, GetRouteHandler> = { '/playground': page };
  const assets = folder ? join(folder, 'assets') : '';
  for (const file of assets ? readdirSync(assets) : []) {
    const body = readFileSync(join(assets, file));
    const headers = { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=31536000, immutable' };
    getRoutes[`${PLAYGROUND_ASSETS_PATH}/${file}`] = (_request, _url, response) => send(response, 200, headers, body);
  }
  return { getRoutes, browserRoutes: { '/graphql': page } };
}
