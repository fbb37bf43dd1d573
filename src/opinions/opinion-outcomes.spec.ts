import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigFileError } from '../config/json-config';
import { checkAdoption, DEFAULT_ADOPTION_LEVELS, loadAdoptionLevels, rateOf } from './opinion-outcomes';
import { monthStart, statsSql } from './opinion-stats.service';

describe('社情民意 outcomes', () => {
  const write = (content: object) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xs-adoptions-')), 'opinions.json');
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  };

  it('records 采用 only once an item is 采用编报 (or later), and only by staff', () => {
    for (const status of ['draft', 'submitted', 'returned', 'archived'] as const)
      expect(checkAdoption(status, { isStaff: true })).toMatchObject({ status: 409, code: 'OPINION_NOT_ADOPTABLE' });
    expect(checkAdoption('archived', { isStaff: true })?.message).toBe(
      '社情民意信息当前为“存档”，采用编报后才能登记上级采用',
    );
    expect(checkAdoption('accepted', { isStaff: true })).toBeNull();
    // A later state (merged, compiled) is past 编报 too.
    expect(checkAdoption('compiled' as never, { isStaff: true })).toBeNull();
    expect(checkAdoption('accepted', {})).toMatchObject({ status: 403 });
    // The state is checked before the person.
    expect(checkAdoption('draft', {})).toMatchObject({ status: 409 });
  });

  it('gives a rate in per cent with one decimal, and null (not 0) when there is nothing to divide', () => {
    expect(rateOf(0, 0)).toBeNull();
    expect(rateOf(0, 3)).toBe(0);
    expect(rateOf(1, 3)).toBe(33.3);
    expect(rateOf(2, 3)).toBe(66.7);
    expect(rateOf(42, 1710)).toBe(2.5);
  });

  it('ships five levels and refuses a bad list, naming the entry', () => {
    expect(loadAdoptionLevels().map((l) => `${l.label}:${l.tier}`)).toEqual([
      '全国政协:national',
      '自治区政协:provincial',
      '市委:city',
      '市政府:city',
      '其他:other',
    ]);
    expect(loadAdoptionLevels(write({ categories: [] }))).toEqual(DEFAULT_ADOPTION_LEVELS);
    const bad = (content: object, message: RegExp) => {
      expect(() => loadAdoptionLevels(write(content))).toThrow(ConfigFileError);
      expect(() => loadAdoptionLevels(write(content))).toThrow(message);
    };
    bad({ adoptionLevels: [] }, /adoptionLevels/);
    bad({ adoptionLevels: [{ code: '省', label: '省政协', tier: 'provincial' }] }, /adoptionLevels\[0\]/);
    bad({ adoptionLevels: [{ code: 'p', label: '省政协', tier: 'county' }] }, /adoptionLevels\[0\]\.tier/);
    const p = { code: 'p', label: '省政协', tier: 'provincial' };
    bad({ adoptionLevels: [p, p] }, /p 重复/);
  });

  it('counts months on the display clock: 1 March in Shanghai is the last day of February in UTC', () => {
    expect(monthStart(2026, 3, 'Asia/Shanghai').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(monthStart(2026, 13, 'Asia/Shanghai').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('writes one grouped query per dimension, with a parameter per level', () => {
    const sql = statsSql('member', DEFAULT_ADOPTION_LEVELS);
    expect(sql).toContain('GROUP BY c.memberId');
    expect(sql).toContain(':l4');
    expect(statsSql('total', DEFAULT_ADOPTION_LEVELS)).not.toContain('GROUP BY');
  });
});
