import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigFileError } from '../config/json-config';
import { categoryLabel, loadOpinionConfig } from './opinions.config';

describe('社情民意 configuration', () => {
  const write = (content: object) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xs-opinions-')), 'opinions.json');
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const categories = [{ code: 'livelihood', label: '民生保障' }];

  it('ships 1,500 characters, seven categories and 20 % for similar items', () => {
    const c = loadOpinionConfig();
    expect(c.maxContentLength).toBe(1500);
    expect(c.similarMinPercent).toBe(20);
    expect(c.informantMonthlyQuota).toBe(2);
    expect(c.issueRecipients).toEqual({ 报: ['市委', '市政府'], 送: ['自治区政协'] });
    expect(c.bulletinPrefix).toBe('吴政协办');
    expect(c.bulletinCc).toEqual(['市委办公室', '市政府办公室', '各县（市、区）政协']);
    expect(c.categories.map((x) => x.code)).toEqual([
      'economy',
      'livelihood',
      'governance',
      'culture',
      'ecology',
      'rule_of_law',
      'other',
    ]);
    expect(categoryLabel(c, 'livelihood')).toBe('民生保障');
    expect(categoryLabel(c, 'gone')).toBe('gone');
  });

  it('defaults what is left out and takes another limit', () => {
    expect(loadOpinionConfig(write({ categories }))).toEqual({
      maxContentLength: 1500,
      categories,
      similarMinPercent: 20,
      issueRecipients: { 报: ['市委', '市政府'], 送: ['上级政协'] },
      informantMonthlyQuota: 2,
      bulletinPrefix: '政协办',
      bulletinCc: ['市委办公室', '市政府办公室'],
    });
    expect(loadOpinionConfig(write({ categories, bulletinPrefix: '某政协办', bulletinCc: [] }))).toMatchObject({
      bulletinPrefix: '某政协办',
      bulletinCc: [],
    });
    expect(loadOpinionConfig(write({ categories, maxContentLength: 2000 })).maxContentLength).toBe(2000);
    expect(loadOpinionConfig(write({ categories, informantMonthlyQuota: 3 })).informantMonthlyQuota).toBe(3);
    expect(loadOpinionConfig(write({ categories, issueRecipients: { 报: ['市委'] } })).issueRecipients).toEqual({
      报: ['市委'],
      送: [],
    });
  });

  it('refuses a bad file, naming the entry', () => {
    const bad = (content: object, message: RegExp) => {
      expect(() => loadOpinionConfig(write(content))).toThrow(ConfigFileError);
      expect(() => loadOpinionConfig(write(content))).toThrow(message);
    };
    bad({ categories: [] }, /categories/);
    bad({ categories, issueRecipients: { 抄送: ['市委'] } }, /issueRecipients.*抄送/);
    bad({ categories, issueRecipients: { 报: [''] } }, /issueRecipients\.报/);
    bad({ categories: [{ code: '经济', label: '经济' }] }, /categories\[0\]/);
    bad({ categories: [...categories, ...categories] }, /livelihood 重复/);
    bad({ categories, maxContentLength: 10 }, /maxContentLength/);
    bad({ categories, similarMinPercent: 0 }, /similarMinPercent/);
    bad({ categories, bulletinPrefix: ' ' }, /bulletinPrefix/);
    bad({ categories, bulletinCc: ['市委', ''] }, /bulletinCc\[1\]/);
    bad({ categories, informantMonthlyQuota: 0 }, /informantMonthlyQuota/);
  });
});
