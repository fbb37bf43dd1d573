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
    expect(c).toMatchObject({ deadlineMonths: 3, maxHandlingMonths: 6, evaluationWorkingDays: 15, communicationBeforeWorkingDays: 15 });
  });

  it('stops start-up naming the entry that is wrong', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-cfg-'));
    const file = path.join(dir, 'proposals.json');
    const good = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'proposals.json'), 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...good, deadlineMonths: 0 }));
    expect(() => loadProposalConfig(file)).toThrow(/deadlineMonths/);
    fs.writeFileSync(file, JSON.stringify({ ...good, categories: [{ code: 'economy', label: '经济' }, { code: 'economy', label: '重复' }] }));
    expect(() => loadProposalConfig(file)).toThrow(/economy 重复/);
    fs.writeFileSync(file, JSON.stringify({ ...good, maxHandlingMonths: 2 }));
    expect(() => loadProposalConfig(file)).toThrow(/maxHandlingMonths/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
