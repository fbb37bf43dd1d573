import type { OpinionIssueContext } from '../report-contexts';
import { applyIssueText, issueText, reportedBy } from './opinion-issue-text';

describe('《社情民意》 text', () => {
  it('prints who reported an item: members once each, then groups and organisations', () => {
    const m = (name: string) => ({ name, member: true });
    const g = (name: string) => ({ name, member: false });
    expect(reportedBy([m('张三'), m('李四')])).toBe('（张三、李四委员反映）');
    expect(reportedBy([g('民革吴忠市委会')])).toBe('（民革吴忠市委会反映）');
    expect(reportedBy([m('张三'), g('民革吴忠市委会'), m('张三'), m('王五')])).toBe(
      '（张三、王五委员、民革吴忠市委会反映）',
    );
    expect(reportedBy([])).toBe('');
  });

  const context: OpinionIssueContext = {
    title: '关于A等2条社情民意',
    formLabel: '综合',
    issueNo: null,
    issuingOffice: '政协吴忠市委员会办公室',
    issuedOn: '2026-12-01T00:00:00Z',
    printedOn: '2026-12-01T00:00:00Z',
    draft: true,
    signer: null,
    lead: [],
    items: [
      { heading: '关于A', paragraphs: ['甲。', '（张三委员反映）'] },
      { heading: '关于B', paragraphs: ['乙。'] },
    ],
    distribution: [],
    cc: [],
  };

  it('makes one section per item and puts an edited text back, items the edit lacks kept', () => {
    const text = issueText(context);
    expect(text.sections.map((s) => s.key)).toEqual(['item.1', 'item.2']);
    const edited = applyIssueText(context, {
      title: '新标题',
      sections: [{ key: 'item.1', heading: '关于A（改）', paragraphs: ['甲改。'] }],
    });
    expect(edited.title).toBe('新标题');
    expect(edited.items).toEqual([{ heading: '关于A（改）', paragraphs: ['甲改。'] }, context.items[1]]);
    expect(applyIssueText(context, text)).toEqual(context);
  });
});
