import { searchTermRange, searchTermsOf } from './user-search';

const user = {
  id: 'u',
  organisationId: 'o',
  username: 'Ada.Lovelace',
  email: 'ada@Analytical.example',
  firstName: 'Ada',
  lastName: 'Lovelace',
  screenName: 'Ada  Lovelace',
};

describe('search terms', () => {
  it('are every searched field from the start of each word, lower-cased, each once', () => {
    expect(searchTermsOf(user).sort()).toEqual(
      ['ada', 'ada lovelace', 'ada.lovelace', 'ada@analytical.example', 'analytical.example', 'example', 'lovelace'].sort(),
    );
  });

  it('fold accents and skip a missing first name or email', () => {
    expect(searchTermsOf({ ...user, username: 'zoë', email: null, firstName: null, lastName: 'Ångström', screenName: 'Zoë Ångström' }).sort()).toEqual(
      ['angstrom', 'zoe', 'zoe angstrom'].sort(),
    );
  });

  it('keep at most 254 characters, never a broken character or a trailing space', () => {
    const terms = searchTermsOf({ ...user, screenName: `${'a'.repeat(252)} 😀😀 b` });
    expect(terms.map((term) => [...term].length).every((length) => length <= 254)).toBe(true);
    expect(terms.find((term) => term.startsWith('aaa'))).toBe(`${'a'.repeat(252)} 😀`);
    expect(terms.every((term) => term === term.trimEnd())).toBe(true);
  });
});

describe('the term range of a search', () => {
  it('holds every term starting with the normalised search, and nothing else', () => {
    const range = searchTermRange('  LOVE ')!;
    const inRange = (term: string) => term >= range.from && term < range.to;
    expect(range.from).toBe('love');
    expect(['love', 'lovelace', 'love me'].every(inRange)).toBe(true);
    expect(['lov', 'lovf', 'ada lovelace'].some(inRange)).toBe(false);
  });

  it('ignores accents and leading punctuation, and is null for a search without a letter or digit', () => {
    expect(searchTermRange('@Zoë')).toEqual({ from: 'zoe', to: 'zof' });
    expect(searchTermRange('.-@')).toBeNull();
  });

  it('fold the letters NFD keeps whole as they are typed, so "lucja" finds Łucja and "weis" finds Weiß', () => {
    expect(searchTermsOf({ ...user, username: 'x', email: null, firstName: 'Łucja', lastName: 'Weiß', screenName: 'Ørsted O’Brien' }).sort()).toEqual(
      ['brien', 'lucja', "o'brien", "orsted o'brien", 'weiss', 'x'].sort(),
    );
    expect(searchTermRange('Øverg')).toEqual({ from: 'overg', to: 'overh' });
  });
});
