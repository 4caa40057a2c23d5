/**
 * The languages the product speaks (docs/product.md#preferences): mails, the account pages, a user's and an
 * organisation's language. Lower-case ISO 639-1 codes; the first is the fallback.
 */
export const LANGUAGES = ['en', 'de', 'nl', 'fr', 'es'] as const;

export type LanguageCode = (typeof LANGUAGES)[number];

/** What anything without a language of its own (or with one the product does not speak) falls back to. */
export const DEFAULT_LANGUAGE: LanguageCode = LANGUAGES[0];

/** English names of the languages, for schema descriptions. */
export const LANGUAGE_NAMES: Record<LanguageCode, string> = { en: 'English', de: 'German', nl: 'Dutch', fr: 'French', es: 'Spanish' };

/** Whether a stored or requested code is one the product speaks. */
export function isLanguage(value: string | null | undefined): value is LanguageCode {
  return (LANGUAGES as readonly string[]).includes(value ?? '');
}
