import { LANGUAGES } from '@tenantry/config';
import { PAGE_MESSAGES } from './messages';
import { ACCOUNT_PAGES, ASSET_PATHS, renderAccountPage } from './render';

/** The id a <label for> points at, for each label text on the page. */
function labelTargets(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<label for="([^"]+)">([^<]+)<\/label>/g)].map(([, id, text]) => [text, id]));
}

describe('account page rendering', () => {
  it('labels the password fields and the Activate button on /activate', () => {
    const html = renderAccountPage('activate', 'en');
    const labels = labelTargets(html);
    expect(Object.keys(labels)).toEqual(['New password', 'Repeat password']);
    for (const id of Object.values(labels)) expect(html).toContain(`<input id="${id}"`);
    expect(html).toContain('<button type="submit">Activate</button>');
    expect(html).toContain('At least 8 and at most 256 characters');
  });

  it('names each page’s button as the contract says', () => {
    expect(renderAccountPage('reset-password', 'en')).toContain('<button type="submit">Reset password</button>');
    expect(renderAccountPage('forgot-password', 'en')).toContain('<button type="submit">Send link</button>');
    expect(Object.keys(labelTargets(renderAccountPage('forgot-password', 'en')))).toEqual(['Username or email']);
    expect(renderAccountPage('confirm-email', 'en')).toContain('<button type="submit">Confirm email address</button>');
  });

  it('speaks the chosen language, with html lang set', () => {
    const html = renderAccountPage('forgot-password', 'de');
    expect(html).toContain('<html lang="de">');
    expect(Object.keys(labelTargets(html))).toEqual(['Benutzername oder E-Mail']);
    expect(html).toContain('<button type="submit">Link senden</button>');
    expect(Object.keys(labelTargets(renderAccountPage('reset-password', 'fr')))).toEqual(['Nouveau mot de passe', 'Répétez le mot de passe']);
  });

  it('translates every sentence into every language', () => {
    for (const language of LANGUAGES.filter((language) => language !== 'en')) {
      for (const [key, english] of Object.entries(PAGE_MESSAGES.en)) {
        const translated = PAGE_MESSAGES[language][key as keyof typeof PAGE_MESSAGES.en];
        expect({ language, key, translated: translated !== english && translated.trim() !== '' }).toEqual({ language, key, translated: true });
        const placeholders = (sentence: string) => [...sentence.matchAll(/\{\w+\}/g)].map(([name]) => name).sort();
        expect({ language, key, placeholders: placeholders(translated) }).toEqual({ language, key, placeholders: placeholders(english) });
      }
    }
  });

  it('is accessible and phone-sized: viewport meta, a live message region, real buttons', () => {
    for (const page of ACCOUNT_PAGES) {
      const html = renderAccountPage(page, 'en');
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toMatch(/<p id="message" [^>]*aria-live="polite"/);
      expect(html).not.toMatch(/<input[^>]*type="(submit|button)"/);
      const inputIds = [...html.matchAll(/<input id="([^"]+)"/g)].map(([, id]) => id);
      expect(Object.values(labelTargets(html)).sort()).toEqual(inputIds.sort());
    }
  });

  it('loads only its own script and stylesheet: no inline script or style, no other origin', () => {
    for (const page of ACCOUNT_PAGES) {
      const html = renderAccountPage(page, 'es');
      expect([...html.matchAll(/<script[^>]*>/g)].map(([tag]) => tag)).toEqual([`<script src="${ASSET_PATHS.script}" defer>`]);
      expect(html).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
      expect(html).not.toMatch(/ style=|<style/);
      expect(html).not.toMatch(/(https?:)?\/\/[a-z]/i);
    }
  });

  it('hands the script its sentences HTML-escaped in a data attribute', () => {
    const html = renderAccountPage('activate', 'fr');
    const attribute = /data-messages="([^"]*)"/.exec(html)![1];
    expect(attribute).not.toMatch(/[<>']/);
    const decoded = attribute.replace(/&#(\d+);/g, (_whole, code: string) => String.fromCharCode(Number(code)));
    expect(JSON.parse(decoded).clientActivateDone).toBe(PAGE_MESSAGES.fr.clientActivateDone);
  });
});
