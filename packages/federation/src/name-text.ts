import type { ValidationOptions } from 'class-validator';
import { registerDecorator } from 'class-validator';

/**
 * Characters no human-readable name may hold, by the harm they do: they are invisible or
 * reorder what is shown, so "Admin" and "Ad\u200Bmin", or "gnp.exe" spelled backwards with a
 * right-to-left override, look alike in lists, mails and audit logs.
 */
const FORBIDDEN_IN_NAMES: readonly { what: string; pattern: RegExp }[] = [
  // C0 (including tab and line breaks), DEL and C1 controls, and the Unicode line/paragraph separators.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  { what: 'control characters', pattern: /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u },
  // Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the invisible direction marks.
  { what: 'bidirectional formatting characters', pattern: /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u },
  // Zero-width space, non-joiner, joiner, word joiner and invisible operators, byte-order mark, soft hyphen, Mongolian vowel separator.
  { what: 'zero-width characters', pattern: /[\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u180E]/u },
  // With the u flag a paired surrogate is one code point, so only an unpaired half matches.
  { what: 'unpaired surrogates', pattern: /[\uD800-\uDFFF]/u },
];

/**
 * Why a text cannot be a name, or null when it can: it must not start or end with white space
 * nor hold control, bidirectional formatting or zero-width characters, nor half a surrogate pair.
 * Emptiness and length are left to the field's own length rule.
 */
export function nameTextProblem(text: string): string | null {
  for (const { what, pattern } of FORBIDDEN_IN_NAMES) if (pattern.test(text)) return `must not contain ${what}`;
  if (text !== text.trim()) return 'must not start or end with white space';
  return null;
}

/**
 * class-validator decorator for every free-text name a client sets (organisation, user, role,
 * widget and group names, locations): one rule, so a new name field cannot forget part of it.
 * A failure answers BAD_USER_INPUT naming the field.
 */
export function IsNameText(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isNameText',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && nameTextProblem(value) === null,
        defaultMessage: (args) => {
          const problem = typeof args?.value === 'string' ? nameTextProblem(args.value) : 'must be a string';
          return `${args?.property} ${problem}`;
        },
      },
    });
  };
}
