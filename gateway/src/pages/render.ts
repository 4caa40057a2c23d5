import type { PageLanguage } from './language';
import type { PageMessages } from './messages';
import { PAGE_MESSAGES } from './messages';

/** The account pages, by the path mail links point to. */
export const ACCOUNT_PAGES = ['activate', 'reset-password', 'forgot-password', 'confirm-email'] as const;
export type AccountPage = (typeof ACCOUNT_PAGES)[number];

/** Where the pages' one script and one stylesheet are served (same origin, no CDN). */
export const ASSET_PATHS = { script: '/account-pages/account.js', stylesheet: '/account-pages/account.css' } as const;

/**
 * The length rule the page shows while typing. The users subgraph enforces the whole policy
 * (services/users/src/password/password.policy.ts); the page only echoes the server's refusal.
 */
export const PASSWORD_LENGTH = { min: 8, max: 256 } as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function fill(sentence: string, values: Record<string, string | number>): string {
  return sentence.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

function passwordFields(messages: PageMessages): string {
  return `
      <div class="field">
        <label for="new-password">${escapeHtml(messages.newPassword)}</label>
        <input id="new-password" name="new-password" type="password" autocomplete="new-password" required aria-describedby="password-policy password-length">
        <p id="password-policy" class="hint">${escapeHtml(fill(messages.passwordPolicy, PASSWORD_LENGTH))}</p>
        <p id="password-length" class="hint"></p>
      </div>
      <div class="field">
        <label for="repeat-password">${escapeHtml(messages.repeatPassword)}</label>
        <input id="repeat-password" name="repeat-password" type="password" autocomplete="new-password" required aria-describedby="repeat-error">
        <p id="repeat-error" class="field-error" aria-live="polite"></p>
      </div>`;
}

function usernameField(messages: PageMessages): string {
  return `
      <div class="field">
        <label for="username-or-email">${escapeHtml(messages.usernameOrEmail)}</label>
        <input id="username-or-email" name="username-or-email" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required>
      </div>`;
}

const PAGE_PARTS: Record<AccountPage, (messages: PageMessages) => { title: string; intro: string; fields: string; button: string }> = {
  activate: (m) => ({ title: m.activateTitle, intro: m.activateIntro, fields: passwordFields(m), button: m.activateButton }),
  'reset-password': (m) => ({ title: m.resetTitle, intro: m.resetIntro, fields: passwordFields(m), button: m.resetButton }),
  'forgot-password': (m) => ({ title: m.forgotTitle, intro: m.forgotIntro, fields: usernameField(m), button: m.sendLinkButton }),
  'confirm-email': (m) => ({ title: m.confirmTitle, intro: m.confirmIntro, fields: '', button: m.confirmButton }),
};

/** The sentences the script says, handed over in a data attribute (no inline script). */
function clientMessages(messages: PageMessages): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).filter(([key]) => key.startsWith('client')));
}

/**
 * The whole HTML of one account page. Nothing from the request but the chosen language enters
 * it: the script reads the token from location.search itself.
 */
export function renderAccountPage(page: AccountPage, language: PageLanguage): string {
  const messages = PAGE_MESSAGES[language];
  const { title, intro, fields, button } = PAGE_PARTS[page](messages);
  return `<!doctype html>
<html lang="${language}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" href="${ASSET_PATHS.stylesheet}">
    <script src="${ASSET_PATHS.script}" defer></script>
  </head>
  <body>
    <main>
      <h1>${escapeHtml(title)}</h1>
      <p>${escapeHtml(intro)}</p>
      <noscript><p class="error">${escapeHtml(messages.needsJavaScript)}</p></noscript>
      <form id="account-form" method="post" novalidate data-page="${page}" data-lang="${language}"
        data-min-length="${PASSWORD_LENGTH.min}" data-max-length="${PASSWORD_LENGTH.max}"
        data-messages="${escapeHtml(JSON.stringify(clientMessages(messages)))}">${fields}
        <button type="submit">${escapeHtml(button)}</button>
      </form>
      <p id="message" class="message" role="status" aria-live="polite"></p>
    </main>
  </body>
</html>
`;
}
