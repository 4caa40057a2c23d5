/** Languages the account pages speak; the first is the fallback. */
export const PAGE_LANGUAGES = ['en', 'fr', 'de', 'es', 'nl'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

function asPageLanguage(tag: string): PageLanguage | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return PAGE_LANGUAGES.find((language) => language === primary);
}

/** Languages of an Accept-Language header, most wanted first (weights honoured, q=0 dropped). */
function acceptedLanguages(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.split(';');
      const weight = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), quality: weight === undefined ? 1 : Number(weight), index };
    })
    .filter(({ tag, quality }) => tag && quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map(({ tag }) => tag);
}

/** `?lang=` when it names a page language, else the best match of Accept-Language, else English. */
export function choosePageLanguage(langParameter: string | null, acceptLanguage: string | undefined): PageLanguage {
  const fromParameter = langParameter ? asPageLanguage(langParameter) : undefined;
  if (fromParameter) return fromParameter;
  for (const tag of acceptedLanguages(acceptLanguage ?? '')) {
    const language = asPageLanguage(tag);
    if (language) return language;
  }
  return PAGE_LANGUAGES[0];
}
