import { choosePageLanguage } from './language';

describe('choosing the language of an account page', () => {
  it('takes ?lang= when it names a page language, even against Accept-Language', () => {
    expect(choosePageLanguage('de', 'fr-FR,fr;q=0.9')).toBe('de');
    expect(choosePageLanguage('NL', undefined)).toBe('nl');
    expect(choosePageLanguage('es-MX', undefined)).toBe('es');
  });

  it('falls back to the best Accept-Language match when ?lang= is missing or unknown', () => {
    expect(choosePageLanguage(null, 'fr-CH, fr;q=0.9, en;q=0.8')).toBe('fr');
    expect(choosePageLanguage('xx', 'ja, nl;q=0.5, de;q=0.7')).toBe('de');
    expect(choosePageLanguage(null, 'de;q=0, es;q=0.1')).toBe('es');
  });

  it('speaks English when nothing matches', () => {
    expect(choosePageLanguage(null, undefined)).toBe('en');
    expect(choosePageLanguage('', 'ja, zh-CN')).toBe('en');
    expect(choosePageLanguage('<script>', '*')).toBe('en');
  });
});
