import { binary } from './http';
import { pdfFacts, PdfFacts } from './pdf-tools';
import { signedOff } from './signoff';
import type { TestApp } from './test-app';

type Who = { auth: Record<string, string>; userId?: number };

/**
 * A yearly document the office issues (通报, 回头看报告) through the whole loop: staff ask for it (202), its draft
 * renders, staff replace the paragraphs of the section keyed `editKey` with `edited` (revision 2), submit, a
 * leader signs, staff deliver it to that leader, who downloads it. Returns the report as then, its text and the PDF.
 */
export async function issueYearly(
  t: TestApp,
  people: { staff: Who; leader: Who & { userId: number } },
  kind: string,
  year: number,
  editKey: string,
  edited: string,
): Promise<{
  report: Record<string, any>;
  draft: { sections: Array<{ key: string; heading: string; paragraphs: string[] }> };
  pdf: PdfFacts;
}> {
  const { staff, leader } = people;
  const asked = await t.http().post('/api/v1/reports').set(staff.auth).send({ kind, params: { year } });
  if (asked.status !== 202) throw new Error(`申请 ${asked.status}: ${JSON.stringify(asked.body)}`);
  const id = asked.body.id as number;
  await t.jobs.finished('reports', `report:${id}`);
  const { body: first } = await t.http().get(`/api/v1/reports/${id}/text`).set(staff.auth);
  const text = {
    ...first.text,
    sections: first.text.sections.map((s: { key: string; paragraphs: string[] }) =>
      s.key === editKey ? { ...s, paragraphs: [edited] } : s,
    ),
    baseRevision: first.revision,
  };
  const saved = await t.http().put(`/api/v1/reports/${id}/text`).set(staff.auth).send(text);
  if (saved.status !== 200) throw new Error(`修改 ${saved.status}: ${JSON.stringify(saved.body)}`);
  await t.jobs.finished('reports', `report:${id}:r${saved.body.revision}`);
  await signedOff(t, staff, leader, id);
  const delivered = await t
    .http()
    .post(`/api/v1/reports/${id}/deliver`)
    .set(staff.auth)
    .send({ leaderUserIds: [leader.userId] });
  if (delivered.status !== 200) throw new Error(`送达 ${delivered.status}: ${JSON.stringify(delivered.body)}`);
  const file = await t.http().get(`/api/v1/reports/${id}/file`).set(leader.auth).buffer(true).parse(binary);
  if (file.status !== 200) throw new Error(`下载 ${file.status}`);
  return { report: delivered.body, draft: first.text, pdf: pdfFacts(file.body as Buffer) };
}
