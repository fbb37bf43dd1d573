import { commitmentNotices } from './commitment-notices';

const facts = {
  id: 7,
  proposalId: 12,
  proposalName: '十二届二次会议 第0045号提案“关于加装电梯的建议”',
  unitName: '市住建局',
  text: '2027年6月底前完成审批流程简化',
  dueDate: '2027-06-30',
  timeZone: 'Asia/Shanghai',
  occurrence: 'v2',
};

describe('commitment notices', () => {
  it('tells the proposers of a report, the unit of a verdict and of the due day, each once per occurrence', () => {
    expect(commitmentNotices('commitment.reported', facts)).toEqual([
      {
        to: 'proposers',
        message: {
          kind: 'commitment.reported',
          title: '承诺事项已报告落实情况',
          body: '市住建局报告了十二届二次会议 第0045号提案“关于加装电梯的建议”答复中承诺事项“2027年6月底前完成审批流程简化”的落实情况，请评判承诺是否兑现。',
          link: '/proposals/12',
          dedupeKey: 'commitment:7:reported:v2',
        },
      },
    ]);
    const [judged] = commitmentNotices('commitment.judged', { ...facts, kept: false, comment: '尚未完成' });
    expect(judged).toMatchObject({ to: 'unit', message: { body: expect.stringMatching(/未兑现，意见：尚未完成。$/) } });
    const [due] = commitmentNotices('commitment.due', { ...facts, occurrence: '2027-06-30' });
    expect(due).toMatchObject({
      to: 'unit',
      message: {
        body: expect.stringContaining('完成期限为2027年6月30日，已到期'),
        dedupeKey: 'commitment:7:due:2027-06-30',
      },
    });
  });
});
