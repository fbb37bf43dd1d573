import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gradeOf, loadRecordRules, ruleSetFor } from './record-rules';

const shipped = () => JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'records.json'), 'utf8'));

describe('duty record rules (config/records.json)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-rules-'));
    file = path.join(dir, 'records.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const withSet = (change: (set: Record<string, any>) => void) => {
    const raw = shipped();
    change(raw.ruleSets[0]);
    fs.writeFileSync(file, JSON.stringify(raw));
    return () => loadRecordRules(file);
  };

  it('ships the points, the base of 60 and the grade bands of docs/design/duty-records.md', () => {
    const set = loadRecordRules().ruleSets[0];
    expect(set.points).toMatchObject({
      proposalLeadAccepted: 15,
      proposalCosignedAccepted: 3,
      proposalKey: 15,
      proposalExcellent: 10,
      meetingAttended: 5,
      meetingAbsent: -5,
      plenaryAbsent: -10,
      visitAttended: 5,
    });
    expect(set.grades).toEqual([
      { min: 90, label: '优秀' },
      { min: 80, label: '良好' },
      { min: 60, label: '称职' },
      { min: 0, label: '不称职' },
    ]);
    expect(set.baseScore).toBe(60);
    // Points on top of the base 60: scores 95, 90, 89, 80, 79, 60, 59, 0, 0 (not below), 100 (not above).
    expect([35, 30, 29, 20, 19, 0, -1, -60, -80, 70].map((p) => gradeOf(set, p).grade)).toEqual([
      '优秀',
      '优秀',
      '良好',
      '良好',
      '称职',
      '称职',
      '不称职',
      '不称职',
      '不称职',
      '优秀',
    ]);
    expect(gradeOf(set, 130).score).toBe(100);
    expect(gradeOf(set, -80).score).toBe(0);
  });

  it('gives no grade while the year runs: the score so far and 年度未结束', () => {
    const set = loadRecordRules().ruleSets[0];
    expect(gradeOf(set, -80, true)).toEqual({ score: 0, grade: '年度未结束', gradeFinal: false });
    expect(gradeOf(set, 35, true)).toEqual({ score: 95, grade: '年度未结束', gradeFinal: false });
    expect(gradeOf(set, 35)).toEqual({ score: 95, grade: '优秀', gradeFinal: true });
  });

  it('picks the rule set in force in a year, and a changed set has another version', () => {
    const raw = shipped();
    raw.ruleSets.push({
      ...raw.ruleSets[0],
      fromYear: 2027,
      name: '2027年办法',
      points: { ...raw.ruleSets[0].points, speech: 2 },
    });
    fs.writeFileSync(file, JSON.stringify(raw));
    const rules = loadRecordRules(file);
    expect(ruleSetFor(rules, 2026).name).toBe('委员履职积分办法（默认）');
    expect(ruleSetFor(rules, 2027).name).toBe('2027年办法');
    expect(ruleSetFor(rules, 2030).points.speech).toBe(2);
    expect(rules.ruleSets[0].version).not.toBe(rules.ruleSets[1].version);
  });

  it('refuses a broken file at start-up, naming the key', () => {
    expect(withSet((s) => delete s.points.speech)).toThrow('ruleSets[0].points.speech 须为 -100 到 100 的整数');
    expect(withSet((s) => (s.points.meetingAttended = '5'))).toThrow('ruleSets[0].points.meetingAttended');
    expect(withSet((s) => (s.points.speach = 1))).toThrow('ruleSets[0].points.speach 不是积分项');
    expect(withSet((s) => (s.grades[1].min = 95))).toThrow('ruleSets[0].grades[1].min 须小于上一档');
    expect(withSet((s) => (s.grades[3].min = 10))).toThrow('ruleSets[0].grades[3].min 最后一档须从 0 分开始');
    expect(withSet((s) => (s.grades[2].label = ''))).toThrow('ruleSets[0].grades[2].label');
    expect(withSet((s) => (s.plenaryMeetingKinds = ['plenary']))).toThrow(
      'ruleSets[0].plenaryMeetingKinds[0] 不是会议类型',
    );
    expect(withSet((s) => (s.fromYear = 'two'))).toThrow('ruleSets[0].fromYear');
    expect(withSet((s) => (s.baseScore = 101))).toThrow('ruleSets[0].baseScore');
    fs.writeFileSync(file, JSON.stringify({ ruleSets: [] }));
    expect(() => loadRecordRules(file)).toThrow('ruleSets 须为非空列表');
    const raw = shipped();
    raw.ruleSets.push({ ...raw.ruleSets[0] });
    fs.writeFileSync(file, JSON.stringify(raw));
    expect(() => loadRecordRules(file)).toThrow('ruleSets[1].fromYear 须大于上一套规则的 fromYear');
    fs.writeFileSync(file, '{ "ruleSets": [');
    expect(() => loadRecordRules(file)).toThrow('无法读取');
  });
});
