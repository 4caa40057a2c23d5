import { escapeHtml } from '../pages/render';
import { ASSET_PATHS } from '../pages/render';
import type { PageLanguage } from '../pages/language';
import type { EmbedMessages } from './embed.messages';
import { EMBED_MESSAGES } from './embed.messages';

/** Where the embed's script is served; it shares the account pages' stylesheet. */
export const EMBED_PATHS = {
  page: '/embed/customer-login',
  script: '/embed/customer-login.js',
  portalScript: '/embed/tenantry.js',
} as const;

/** Why the login is not shown: a link without origin or organisation, an origin not listed, or the graph not answering. */
export type EmbedRefusal = 'link' | 'origin' | 'unavailable';

function fill(sentence: string, values: Record<string, string>): string {
  return sentence.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name] : whole));
}

function document(language: PageLanguage, title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" href="${ASSET_PATHS.stylesheet}">${head}
  </head>
  <body>
    <main>${body}
    </main>
  </body>
</html>
`;
}

/** The sentences the script says, handed over in a data attribute. */
function clientMessages(messages: EmbedMessages): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).filter(([key]) => key.startsWith('client')));
}

/**
 * The login form the portal frames. The origin (already checked against the organisation's list
 * and normalised) and the organisation are the only request data in it, escaped: the script posts
 * the session to exactly that origin.
 */
export function renderCustomerLogin(language: PageLanguage, origin: string, organisationId: string): string {
  const m = EMBED_MESSAGES[language];
  return document(
    language,
    m.title,
    `\n    <script src="${EMBED_PATHS.script}" defer></script>`,
    `
      <h1>${escapeHtml(m.title)}</h1>
      <noscript><p class="error">${escapeHtml(m.needsJavaScript)}</p></noscript>
      <form id="embed-login" method="post" novalidate data-origin="${escapeHtml(origin)}" data-organisation="${escapeHtml(organisationId)}"
        data-messages="${escapeHtml(JSON.stringify(clientMessages(m)))}">
        <div class="field">
          <label for="username">${escapeHtml(m.username)}</label>
          <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required>
        </div>
        <div class="field">
          <label for="password">${escapeHtml(m.password)}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required>
        </div>
        <div class="field">
          <label for="totp-code">${escapeHtml(m.totpCode)}</label>
          <input id="totp-code" name="totp-code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="8" aria-describedby="totp-hint">
          <p id="totp-hint" class="hint">${escapeHtml(m.totpHint)}</p>
        </div>
        <button type="submit">${escapeHtml(m.signIn)}</button>
      </form>
      <p id="message" class="message" role="status" aria-live="polite"></p>`,
  );
}

/** What a page that refuses to show the login says; `origin` is named when it is the reason. */
export function renderEmbedRefusal(language: PageLanguage, refusal: EmbedRefusal, origin?: string): string {
  const m = EMBED_MESSAGES[language];
  const reason = refusal === 'origin' ? fill(m.refusedOrigin, { origin: origin ?? '' }) : refusal === 'link' ? m.refusedLink : m.unavailable;
  return document(
    language,
    m.refusedTitle,
    '',
    `
      <h1>${escapeHtml(m.refusedTitle)}</h1>
      <p class="message error">${escapeHtml(reason)}</p>`,
  );
}
