import {
  consultationAction,
  meetingHeading,
  namedSubject,
  organAbbreviation,
  pointNoticeTitle,
  topicBriefingTitle,
  visitAction,
  visitReportTitle,
} from './briefing-titles';

describe('briefing titles', () => {
  it.each([
    ['关于盘活工业低效用地的重点协商', '盘活工业低效用地', '重点协商'],
    ['关于盘活工业低效用地的协商', '盘活工业低效用地', '协商'],
    ['“盘活工业低效用地”重点协商会', '盘活工业低效用地', '重点协商'],
    ['吉泰润园小区停车问题', '吉泰润园小区停车问题', null],
    ['吉泰润园小区停车收费和临时停车管理', '吉泰润园小区停车收费和临时停车管理', null],
    ['关于小区停车位规划的议题', '小区停车位规划', null],
    ['家政服务业发展情况专题调研', '家政服务业发展情况', '专题调研'],
    ['关于养老服务设施建设情况的视察', '养老服务设施建设情况', '视察'],
    ['推广“盘活贷”产品', '推广“盘活贷”产品', null],
    ['协商', '协商', null],
  ])('%s → subject %s, action %s', (name, subject, action) => {
    expect(namedSubject(name)).toEqual({ subject, action });
  });

  it('titles a city topic in the office form, the action from the first meeting, never 协商 twice', () => {
    expect(topicBriefingTitle('市政协', '关于盘活工业低效用地的重点协商', '重点协商会')).toBe(
      '市政协就盘活工业低效用地开展重点协商',
    );
    expect(topicBriefingTitle('市政协', '盘活工业低效用地重点协商')).toBe('市政协就盘活工业低效用地开展重点协商');
    expect(topicBriefingTitle('市政协', '城区停车难问题', '专题协商')).toBe('市政协就城区停车难问题开展专题协商');
    expect(topicBriefingTitle('市政协', '关于老旧小区改造的协商', '协商议事会')).toBe('市政协就老旧小区改造开展协商');
    expect(topicBriefingTitle('市政协', '关于老旧小区改造的协商', '板凳会')).toBe('市政协就老旧小区改造开展协商');
    for (const t of [
      topicBriefingTitle('市政协', '关于X的重点协商', '重点协商会'),
      topicBriefingTitle('市政协', 'X协商', '协商议事会'),
    ])
      expect(t).not.toMatch(/协商协商|“|”/);
  });

  it('titles a point notice and a visit report without doubled words', () => {
    expect(pointNoticeTitle('吉泰润园小区停车收费和临时停车管理')).toBe(
      '关于吉泰润园小区停车收费和临时停车管理的协商结果公示',
    );
    expect(pointNoticeTitle('关于小区停车问题的协商')).toBe('关于小区停车问题的协商结果公示');
    expect(visitReportTitle('家政服务业发展情况专题调研', '调研')).toBe('关于家政服务业发展情况的调研报告');
    expect(visitReportTitle('关于养老服务的视察', '视察')).toBe('关于养老服务的视察报告');
    expect(visitAction('家政服务业发展情况专题调研', '调研')).toBe('就家政服务业发展情况开展专题调研');
    expect(visitAction('社区养老服务站', '走访')).toBe('就社区养老服务站开展走访');
  });

  it('heads meetings without 协商 twice', () => {
    expect(meetingHeading(1, '协商议事会')).toBe('第1次协商议事会');
    expect(meetingHeading(2, '重点协商会')).toBe('第2次重点协商会');
    expect(meetingHeading(1, '专题协商')).toBe('第1次专题协商');
    expect(meetingHeading(3, '板凳会')).toBe('第3次板凳会');
    expect(meetingHeading(1, '书记下午茶')).toBe('第1次协商（书记下午茶）');
    expect(meetingHeading(1, '其他')).toBe('第1次协商');
  });

  it('names the organ and the action the office way', () => {
    expect(organAbbreviation('政协吴忠市委员会')).toBe('市政协');
    expect(organAbbreviation('政协利通区委员会')).toBe('区政协');
    expect(organAbbreviation('某某政协')).toBe('某某政协');
    expect(consultationAction('重点协商会')).toBe('重点协商');
    expect(consultationAction('书记下午茶')).toBe('协商');
    expect(consultationAction(null)).toBe('协商');
  });
});
