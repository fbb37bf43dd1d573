import { passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts 8+ characters with letters and digits', () => {
    expect(passwordProblems('Xieshang2026', 'staff')).toEqual([]);
  });
  it.each([
    ['Ab1', '密码至少 8 位'],
    ['abcdefghij', '密码须同时包含字母和数字'],
    ['1234567890', '密码须同时包含字母和数字'],
    ['a1'.repeat(40), '密码最多 72 位'],
  ])('refuses %s: %s', (password, reason) => {
    expect(passwordProblems(password)).toContain(reason);
  });
  it('refuses a password containing the user name, whatever its case', () => {
    expect(passwordProblems('Zhangsan2026', 'zhangsan')).toContain('密码不能包含用户名');
  });
});
