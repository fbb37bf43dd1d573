import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { labelOf, loadProposalConfig } from './proposals.config';

describe('proposal configuration', () => {
  it('ships the API categories, the refusal grounds of DOMAIN.md and the default deadlines', () => {
    const c = loadProposalConfig();
    expect(c.categories.map((x) => x.code)).toEqual(['economy', 'politics', 'culture', 'society', 'ecology', 'other']);
    expect(labelOf(c.categories, 'ecology')).toBe('生态文明建设');
    expect(c.refusalGrounds.map((g) => g.label)).toContain('不属于政协职能范围');
    expect(c.classifications.map((x) => x.code)).toEqual(['A', 'B', 'C']);
    expect(c).toMatchObject({
      deadlineMonths: 3,
      maxHandlingMonths: 6,
      evaluationWorkingDays: 15,
      communicationBeforeWorkingDays: 15,
      reminderDaysBefore: [15, 3],
    });
    // The 2026 holidays of 国务院办公厅, with the weekend days worked in their place.
    expect(c.calendar.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-07', '2026-02-15']));
    expect(c.calendar.workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('defaults reminders to 15 and 3 days and the calendar to weekends only when the file leaves them out', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-cfg-'));
    const file = path.join(dir, 'proposals.json');
    const {
      reminderDaysBefore: _r,
      holidays: _h,
      workdays: _w,
      ...rest
    } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'proposals.json'), 'utf8'));
    fs.writeFileSync(file, JSON.stringify(rest));
    expect(loadProposalConfig(file)).toMatchObject({
      reminderDaysBefore: [15, 3],
      calendar: { holidays: [], workdays: [] },
    });
    fs.writeFileSync(file, JSON.stringify({ ...rest, reminderDaysBefore: [1, 7] }));
    expect(loadProposalConfig(file).reminderDaysBefore).toEqual([7, 1]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the class on the 答复函 unless the file says false; anything but a boolean stops start-up', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-cfg-'));
    const file = path.join(dir, 'proposals.json');
    const { printReplyClassification: _p, ...rest } = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'proposals.json'), 'utf8'),
    );
    expect(loadProposalConfig().printReplyClassification).toBe(true);
    fs.writeFileSync(file, JSON.stringify(rest));
    expect(loadProposalConfig(file).printReplyClassification).toBe(true);
    fs.writeFileSync(file, JSON.stringify({ ...rest, printReplyClassification: false }));
    expect(loadProposalConfig(file).printReplyClassification).toBe(false);
    fs.writeFileSync(file, JSON.stringify({ ...rest, printReplyClassification: 'no' }));
    expect(() => loadProposalConfig(file)).toThrow(/printReplyClassification/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('offers similar proposals from 30 % unless the file says otherwise; a threshold outside 1–100 stops start-up', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-cfg-'));
    const file = path.join(dir, 'proposals.json');
    const { similarMinPercent: shipped, ...rest } = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'proposals.json'), 'utf8'),
    );
    expect(shipped).toBe(30);
    expect(loadProposalConfig().similarMinPercent).toBe(30);
    fs.writeFileSync(file, JSON.stringify(rest));
    expect(loadProposalConfig(file).similarMinPercent).toBe(30);
    fs.writeFileSync(file, JSON.stringify({ ...rest, similarMinPercent: 45 }));
    expect(loadProposalConfig(file).similarMinPercent).toBe(45);
    for (const bad of [0, 101, 0.3, '30'] as unknown[]) {
      fs.writeFileSync(file, JSON.stringify({ ...rest, similarMinPercent: bad }));
      expect(() => loadProposalConfig(file)).toThrow(/similarMinPercent 须为 1–100 的整数/);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops start-up naming the entry that is wrong', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-cfg-'));
    const file = path.join(dir, 'proposals.json');
    const good = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'proposals.json'), 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...good, deadlineMonths: 0 }));
    expect(() => loadProposalConfig(file)).toThrow(/deadlineMonths/);
    fs.writeFileSync(
      file,
      JSON.stringify({
        ...good,
        categories: [
          { code: 'economy', label: '经济' },
          { code: 'economy', label: '重复' },
        ],
      }),
    );
    expect(() => loadProposalConfig(file)).toThrow(/economy 重复/);
    fs.writeFileSync(file, JSON.stringify({ ...good, maxHandlingMonths: 2 }));
    expect(() => loadProposalConfig(file)).toThrow(/maxHandlingMonths/);
    for (const bad of [[15, 15], [0], ['3'], 3]) {
      fs.writeFileSync(file, JSON.stringify({ ...good, reminderDaysBefore: bad }));
      expect(() => loadProposalConfig(file)).toThrow(/reminderDaysBefore/);
    }
    fs.writeFileSync(file, JSON.stringify({ ...good, holidays: ['2026-02-30'] }));
    expect(() => loadProposalConfig(file)).toThrow('holidays[0] 须为日期');
    fs.writeFileSync(file, JSON.stringify({ ...good, workdays: ['2026-9-20'] }));
    expect(() => loadProposalConfig(file)).toThrow('workdays[0] 须为日期');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
