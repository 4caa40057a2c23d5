import type { LanguageCode } from '@tenantry/config';
import { DEFAULT_LANGUAGE, isLanguage } from '@tenantry/config';

/** The account pages speak every language of the product (`LANGUAGES` of @tenantry/config). */
export type PageLanguage = LanguageCode;

function asPageLanguage(tag: string): PageLanguage | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return isLanguage(primary) ? primary : undefined;
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
  return DEFAULT_LANGUAGE;
}
