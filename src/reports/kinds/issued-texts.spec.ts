import type { BriefingContext, VisitReportContext } from '../report-contexts';
import { applyBriefingText, applyVisitReportText, briefingText, visitReportText } from './issued-texts';

/** A briefing's context as a kind makes it: two meetings' minutes, `themes` themes of outcomes, one follow-up. */
function sampleBriefing(themes: number): BriefingContext {
  return {
    title: '市政协就盘活工业低效用地开展重点协商',
    notice: false,
    issueNo: null,
    issuingOffice: '政协吴忠市委员会办公室',
    issuedOn: '2026-11-26T02:00:00Z',
    printedOn: '2026-11-26T02:00:00Z',
    draft: true,
    signer: null,
    lead: ['导语。'],
    backgroundHeading: '基本情况',
    background: ['背景一。', '背景二。'],
    findingsHeading: '主要问题',
    findings: [
      { heading: '第1次重点协商会（2026年6月18日）', paragraphs: ['纪要一。'] },
      { heading: '第2次重点协商会（2026年7月2日）', paragraphs: ['纪要二。'] },
    ],
    recommendationsHeading: '意见建议',
    recommendationsLead: [],
    recommendations: Array.from({ length: themes }, (_, i) => ({ theme: `主题${i + 1}`, items: [`建议${i + 1}`] })),
    followUpsHeading: '落实情况',
    followUpHeads: { item: '建议事项', unit: '承办单位', progress: '进展' },
    followUps: [{ item: '建议1', unit: '市自然资源局', progress: '—', status: '待办理' }],
    distribution: [],
    cc: [],
  };
}

describe('issued documents: text in, text out', () => {
  it('gives back the briefing the data made when the text is not edited, untitled paragraphs after the meetings', () => {
    const c = sampleBriefing(2);
    const withUntitled = { ...c, findings: [...c.findings, { heading: null, paragraphs: ['主题一句。'] }] };
    const text = briefingText(withUntitled);
    expect(text.sections[0]).toEqual({ key: 'background', heading: '基本情况', paragraphs: c.background });
    expect(text.sections.find((s) => s.key === 'findings')?.paragraphs).toEqual(['主题一句。']);
    expect(applyBriefingText(withUntitled, text)).toEqual(withUntitled);
  });

  it('puts edited headings, paragraphs and themes in their places', () => {
    const c = sampleBriefing(1);
    const text = briefingText(c);
    const edited = {
      ...text,
      title: '新标题',
      sections: text.sections.map((s) =>
        s.key === 'recommendations.1' ? { ...s, heading: '新主题', paragraphs: ['一', '二'] } : s,
      ),
    };
    const out = applyBriefingText(c, edited);
    expect(out.title).toBe('新标题');
    expect(out.recommendations[0]).toEqual({ theme: '新主题', items: ['一', '二'] });
    expect(out.followUps).toEqual(c.followUps);
  });

  it('reads the findings of a 调研报告 back: a 「建议：」 paragraph is the suggestion of the problem before it', () => {
    const c = {
      title: '调研报告',
      lead: ['导语'],
      purposeHeading: '调研目的',
      purpose: ['目的'],
      findingsHeading: '发现的问题和建议',
      findingGroups: [
        {
          heading: '甲站',
          items: [
            { problem: '问题一', suggestion: '建议一' },
            { problem: '问题二', suggestion: null },
          ],
        },
      ],
      followUpsHeading: '后续工作',
      followUps: ['据此提出议题'],
    } as unknown as VisitReportContext;
    const text = visitReportText(c);
    expect(text.sections.find((s) => s.key === 'findings.1')?.paragraphs).toEqual(['问题一', '建议：建议一', '问题二']);
    expect(applyVisitReportText(c, text)).toEqual(c);
  });
});
