import type { TestApp } from './test-app';

type Who = { auth: Record<string, string> };

/** A document the office issues, through 提交签发 (staff) and 签发 (a leader) to its final render: the report as staff see it then. */
export async function signedOff(t: TestApp, staff: Who, leader: Who | null, id: number): Promise<Record<string, any>> {
  leader ??= { auth: { Authorization: `Bearer ${await t.tokenFor('leader')}` } };
  await t.jobs.finished('reports', `report:${id}`);
  const submit = await t.http().post(`/api/v1/reports/${id}/submit`).set(staff.auth).send({});
  if (submit.status !== 200) throw new Error(`提交签发 ${submit.status}: ${JSON.stringify(submit.body)}`);
  const sign = await t.http().post(`/api/v1/reports/${id}/sign`).set(leader.auth).send({});
  if (sign.status !== 200) throw new Error(`签发 ${sign.status}: ${JSON.stringify(sign.body)}`);
  await t.jobs.finished('reports', `report:${id}:signed`);
  return (await t.http().get(`/api/v1/reports/${id}`).set(staff.auth)).body;
}

/**
 * For suites about what a document prints once issued: a report just requested and rendered, taken through
 * 签发 when it is a document the office issues (a draft); others as they are.
 */
export async function issued(
  t: TestApp,
  staff: Who,
  id: number,
  leader: Who | null = null,
): Promise<Record<string, any>> {
  await t.jobs.finished('reports', `report:${id}`);
  const report = (await t.http().get(`/api/v1/reports/${id}`).set(staff.auth)).body;
  return report.stage === 'draft' ? signedOff(t, staff, leader, id) : report;
}
