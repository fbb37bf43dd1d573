import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTopicConfig, parseDuration } from './topics.config';

describe('topic configuration', () => {
  const write = (content: object) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xs-topics-')), 'topics.json');
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const policy = (extra: object = {}) => ({
    label: '一小时响应',
    acknowledge: '10m',
    answer: '1h',
    solve: '3d',
    ...extra,
  });

  it('ships the 252 promise: 2 minutes, 5 minutes, 2 days', () => {
    const c = loadTopicConfig();
    expect(c.evaluationDays).toBe(15);
    expect(c.noticeDays).toBe(7);
    expect(c.responsePolicies.get('252')).toEqual({
      code: '252',
      label: '“252”工作法：2分钟内回应、5分钟内答复、2天内解决',
      durations: { acknowledge: 120_000, answer: 300_000, solve: 172_800_000 },
    });
  });

  it('reads durations in minutes, hours or days', () => {
    expect([parseDuration('30m'), parseDuration('4h'), parseDuration('2d')]).toEqual([
      1_800_000, 14_400_000, 172_800_000,
    ]);
    for (const bad of ['0m', '2w', '1.5h', 'm', 120, '', '2 d']) expect(parseDuration(bad)).toBeNull();
  });

  it('takes other promises, and none at all', () => {
    const c = loadTopicConfig(write({ evaluationDays: 10, responsePolicies: { '1h': policy() } }));
    expect(c.responsePolicies.get('1h')?.durations).toEqual({
      acknowledge: 600_000,
      answer: 3_600_000,
      solve: 259_200_000,
    });
    expect(loadTopicConfig(write({ evaluationDays: 10 })).responsePolicies.size).toBe(0);
  });

  it('reads the 公示期 in days, a week when absent, and refuses one out of 1–90', () => {
    expect(loadTopicConfig(write({ evaluationDays: 10 })).noticeDays).toBe(7);
    expect(loadTopicConfig(write({ evaluationDays: 10, noticeDays: 5 })).noticeDays).toBe(5);
    expect(() => loadTopicConfig(write({ evaluationDays: 10, noticeDays: 0 }))).toThrow('noticeDays');
  });

  it.each([
    [{ x: policy({ solve: '2w' }) }, 'responsePolicies.x.solve 须为时长'],
    [{ x: policy({ answer: undefined }) }, 'responsePolicies.x.answer 须为时长'],
    [{ x: policy({ label: ' ' }) }, 'responsePolicies.x.label 须为中文名称'],
    [{ x: policy({ acknowledge: '2h' }) }, 'responsePolicies.x 的时限须为 acknowledge ≤ answer ≤ solve'],
    [{ x: policy({ remind: '1h' }) }, 'responsePolicies.x.remind 不是可配置的项目'],
    [{ 'a very long code': policy() }, 'responsePolicies.a very long code 的代码须为'],
    [['252'], 'responsePolicies 须为以承诺代码为键的对象'],
  ])('stops start-up naming the broken entry: %j', (policies, message) => {
    expect(() => loadTopicConfig(write({ evaluationDays: 15, responsePolicies: policies }))).toThrow(message);
  });
});
