import { checkPassword, isCommonPassword } from './password.policy';

const codeOf = (run: () => void) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return (error as { extensions: { code: string } }).extensions.code;
  }
};

describe('password policy', () => {
  it('accepts 8 to 256 characters without composition rules', () => {
    expect(codeOf(() => checkPassword('tangerine kites'))).toBe('ok');
    expect(codeOf(() => checkPassword('x'.repeat(7) + 'q'))).toBe('ok');
    expect(codeOf(() => checkPassword('züriçhé'.padEnd(64, 'ß')))).toBe('ok');
  });

  it('rejects short, over-long and common passwords, whatever their case', () => {
    expect(codeOf(() => checkPassword('seven77'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkPassword('a'.repeat(257)))).toBe('BAD_USER_INPUT');
    expect(isCommonPassword('Password1')).toBe(true);
    expect(codeOf(() => checkPassword('PASSWORD1'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkPassword('qwertyuiop'))).toBe('BAD_USER_INPUT');
  });

  it("rejects the user's own username or email as password", () => {
    expect(codeOf(() => checkPassword('Jane.Doe.1987', { username: 'jane.doe.1987', email: 'j@example.com' }))).toBe('BAD_USER_INPUT');
  });
});
