import 'reflect-metadata';
import { validate } from 'class-validator';
import { IsNameText, nameTextProblem } from './name-text';

class NamedThing {
  @IsNameText()
  name: string;
}

async function messagesFor(name: string): Promise<string[]> {
  const thing = Object.assign(new NamedThing(), { name });
  return (await validate(thing)).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('name text', () => {
  it.each([
    ['plain Latin', 'Demo Support'],
    ['accents, apostrophes and hyphens', "Zoë O'Brien-Łukasiewicz"],
    ['right-to-left script without formatting characters', 'مريم'],
    ['CJK', '山田 太郎'],
    ['an emoji outside the basic plane (a paired surrogate)', 'Team 🚀'],
    ['inner spaces', 'Acme  Customer'],
  ])('accepts %s', (_what, name) => {
    expect(nameTextProblem(name)).toBeNull();
  });

  it.each([
    ['a NUL', 'Ad\u0000min', 'control characters'],
    ['a bell (C0)', 'A\u0007b', 'control characters'],
    ['a tab', 'A\tb', 'control characters'],
    ['a line break', 'First\nSecond', 'control characters'],
    ['DEL', 'A\u007Fb', 'control characters'],
    ['a C1 control', 'A\u0085b', 'control characters'],
    ['a C1 control at the end of the range', 'A\u009Fb', 'control characters'],
    ['a line separator', 'A\u2028b', 'control characters'],
    ['a right-to-left override', 'Evil\u202Egnp.exe', 'bidirectional formatting characters'],
    ['a left-to-right embedding', '\u202AName', 'bidirectional formatting characters'],
    ['a first-strong isolate', 'Na\u2068me', 'bidirectional formatting characters'],
    ['a pop directional isolate', 'Name\u2069', 'bidirectional formatting characters'],
    ['a right-to-left mark', 'Na\u200Fme', 'bidirectional formatting characters'],
    ['a zero-width space', 'Ad\u200Bmin', 'zero-width characters'],
    ['a zero-width non-joiner', 'Ad\u200Cmin', 'zero-width characters'],
    ['a zero-width joiner', 'Ad\u200Dmin', 'zero-width characters'],
    ['a word joiner', 'Ad\u2060min', 'zero-width characters'],
    ['a byte-order mark', '\uFEFFAdmin', 'zero-width characters'],
    ['a lone high surrogate', 'A\uD800b', 'unpaired surrogates'],
    ['a lone low surrogate', 'A\uDC00b', 'unpaired surrogates'],
    ['a low surrogate before a high one', '\uDE80\uD83D', 'unpaired surrogates'],
    ['a leading space', ' Admin', 'white space'],
    ['a trailing no-break space', 'Admin\u00A0', 'white space'],
  ])('refuses %s', (_what, name, problem) => {
    expect(nameTextProblem(name)).toContain(problem);
  });

  it('leaves emptiness to the length rule', () => {
    expect(nameTextProblem('')).toBeNull();
  });

  it('as a decorator names the property and the problem', async () => {
    expect(await messagesFor('Ad\u200Bmin')).toEqual(['name must not contain zero-width characters']);
    expect(await messagesFor('Admin')).toEqual([]);
  });

  it('as a decorator refuses a value that is not text', async () => {
    expect(await messagesFor(42 as unknown as string)).toEqual(['name must be a string']);
  });
});
