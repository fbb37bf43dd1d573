import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { Attachment } from '../../src/files/attachment.entity';
import { account, Account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { sha256, tinyDocx, tinyPdf, tinyPng } from '../support/file-fixtures';
import { binary } from '../support/http';
import { draft } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';

/** A PDF no other test uploads, so its file on disk is this test's alone. */
const uniquePdf = () => Buffer.concat([tinyPdf(), Buffer.from(`%${randomBytes(8).toString('hex')}\n`)]);

describe('提案附件', () => {
  let t: TestApp;
  let c: Cast;
  let stranger: Account;
  let otherUnit: Account;
  beforeAll(async () => {
    t = await startTestApp({ XS_UPLOAD_MAX_MB: '1' });
    c = await cast(t);
    stranger = await account(t, 'member');
    otherUnit = await account(t, 'unit');
  });
  afterAll(() => t.close());

  const url = (id: number, attachmentId?: number) =>
    `/api/v1/proposals/${id}/attachments${attachmentId ? `/${attachmentId}` : ''}`;
  const upload = (who: Account, id: number, name: string, bytes: Buffer) =>
    t.http().post(url(id)).set(who.auth).attach('file', bytes, name);
  const download = (who: Account, id: number, attachmentId: number) =>
    t.http().get(url(id, attachmentId)).set(who.auth).buffer(true).parse(binary);
  const stored = (hash: string) => path.join(t.config.filesDir, 'attachments', hash.slice(0, 2), hash);
  const filesOnDisk = () => {
    const root = path.join(t.config.filesDir, 'attachments');
    return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).sort() : [];
  };

  /** The request is refused with `status` and leaves no row and no file behind. */
  async function refused(req: () => request.Test, status: number, bytes: Buffer): Promise<request.Response> {
    const [rows, files] = [await t.ds.getRepository(Attachment).count(), filesOnDisk()];
    const res = await req();
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await t.ds.getRepository(Attachment).count()).toBe(rows);
    expect(filesOnDisk()).toEqual(files);
    expect(fs.existsSync(stored(sha256(bytes)))).toBe(false);
    return res;
  }

  it('the lead uploads a PDF with a Chinese name: 201 with its checksum, the bytes kept under XS_FILES_DIR, listed in the proposal', async () => {
    const id = await draft(t, c.lead, c.sessionId);
    const bytes = uniquePdf();
    const res = await upload(c.lead, id, '关于家政服务业的调研报告.pdf', bytes).expect(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      name: '关于家政服务业的调研报告.pdf',
      mime: 'application/pdf',
      typeLabel: 'PDF 文档',
      bytes: bytes.length,
      sha256: sha256(bytes),
      createdAt: expect.any(String),
    });
    expect(fs.readFileSync(stored(sha256(bytes))).equals(bytes)).toBe(true);
    const view = (await t.http().get(`/api/v1/proposals/${id}`).set(c.lead.auth).expect(200)).body;
    expect(view.attachments).toEqual([
      {
        id: res.body.id,
        name: '关于家政服务业的调研报告.pdf',
        mime: 'application/pdf',
        typeLabel: 'PDF 文档',
        bytes: bytes.length,
      },
    ]);
    const history = (await t.http().get(`/api/v1/proposals/${id}/history`).set(c.lead.auth).expect(200)).body;
    expect(history.at(-1)).toMatchObject({ action: 'attach', actionLabel: '上传附件', actor: { id: c.lead.userId } });
  });

  it('judges the type from the bytes: a .pdf holding PNG or program bytes is 415, so is a text file; a Word file and a PNG pass', async () => {
    const id = await draft(t, c.lead, c.sessionId);
    const png = Buffer.concat([tinyPng(), randomBytes(8)]);
    const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), randomBytes(64)]);
    expect((await refused(() => upload(c.lead, id, '报告.pdf', png), 415, png)).body.code).toBe(
      'UNSUPPORTED_FILE_TYPE',
    );
    expect((await refused(() => upload(c.lead, id, '报告.pdf', exe), 415, exe)).body.message).toContain('PDF');
    const text = Buffer.from(`只是一段文字${randomBytes(4).toString('hex')}`);
    await refused(() => upload(c.lead, id, '说明.pdf', text), 415, text);
    expect((await upload(c.lead, id, '现场照片.png', png).expect(201)).body.mime).toBe('image/png');
    expect((await upload(c.lead, id, '办理意见.docx', tinyDocx()).expect(201)).body.typeLabel).toBe('Word 文档');
  });

  it('a file over XS_UPLOAD_MAX_MB is 413, a request without a file 400, neither leaves a row or a file', async () => {
    const id = await draft(t, c.lead, c.sessionId);
    const big = Buffer.concat([uniquePdf(), Buffer.alloc(1024 * 1024)]);
    expect((await refused(() => upload(c.lead, id, '大文件.pdf', big), 413, big)).body).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: '文件不能超过 1 MB',
    });
    const none = await t.http().post(url(id)).set(c.lead.auth).field('note', '没有文件').expect(400);
    expect(none.body.details.fields).toHaveProperty('file');
  });

  it('only while draft: after submission adding or deleting is a 409 naming the state', async () => {
    const id = await draft(t, c.lead, c.sessionId);
    const kept = (await upload(c.lead, id, '附件.pdf', uniquePdf()).expect(201)).body;
    await api(t, c.lead, 'post', `/proposals/${id}/submit`, {});
    const bytes = uniquePdf();
    const res = await refused(() => upload(c.lead, id, '补充材料.pdf', bytes), 409, bytes);
    expect(res.body).toEqual({
      statusCode: 409,
      code: 'PROPOSAL_WRONG_STATE',
      message: '提案当前为“已提交”，不能上传附件',
    });
    expect((await t.http().delete(url(id, kept.id)).set(c.lead.auth).expect(409)).body.message).toBe(
      '提案当前为“已提交”，不能删除附件',
    );
  });

  it('refuses everyone but the lead: a co-signer 403, another member 404 (a draft), staff 404, a unit or leader 403 by role', async () => {
    const id = await draft(t, c.lead, c.sessionId, { kind: 'joint', coSignerMemberIds: [c.co1.memberId] });
    const bytes = uniquePdf();
    expect((await refused(() => upload(c.co1, id, '附议人的.pdf', bytes), 403, bytes)).body.message).toBe(
      '只有领衔人可以上传附件',
    );
    await refused(() => upload(stranger, id, '他人的.pdf', bytes), 404, bytes);
    await refused(() => upload(c.staff, id, '工作人员的.pdf', bytes), 404, bytes);
    await refused(() => upload(c.unit, id, '单位的.pdf', bytes), 403, bytes);
    await refused(() => upload(c.leader, id, '领导的.pdf', bytes), 403, bytes);
    const own = (await upload(c.lead, id, '领衔人的.pdf', bytes).expect(201)).body;
    expect((await t.http().delete(url(id, own.id)).set(c.co1.auth).expect(403)).body.message).toBe(
      '只有领衔人可以删除附件',
    );
    await t.http().delete(url(id, own.id)).set(stranger.auth).expect(404);
  });

  it('a group proposal’s attachments belong to the staff who filed it', async () => {
    const sectorId = (await t.make.sector()).id;
    const res = await t
      .http()
      .post('/api/v1/proposals')
      .set(c.staff.auth)
      .send({
        sessionId: c.sessionId,
        kind: 'sector',
        sectorId,
        title: '界别提案：关于社区养老的建议',
        category: 'society',
        background: '情况。',
        suggestions: ['建议一'],
      })
      .expect(201);
    await upload(c.staff, res.body.id, '界别调研.pdf', uniquePdf()).expect(201);
    const otherStaff = await account(t, 'staff');
    await upload(otherStaff, res.body.id, '他人.pdf', uniquePdf()).expect(404);
  });

  it('readers download the same bytes with the right type, the Chinese name and nosniff; others 404 for a draft, 403 after', async () => {
    const id = await draft(t, c.lead, c.sessionId, { kind: 'joint', coSignerMemberIds: [c.co1.memberId] });
    const bytes = uniquePdf();
    const a = (await upload(c.lead, id, '调研 “报告”.pdf', bytes).expect(201)).body;
    const png = (await upload(c.lead, id, '现场.png', tinyPng()).expect(201)).body;
    const res = await download(c.co1, id, a.id).expect(200);
    expect(res.body.equals(bytes)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="__ ____.pdf"; filename*=UTF-8''${encodeURIComponent('调研 “报告”.pdf')}`,
    );
    expect((await download(c.lead, id, png.id).expect(200)).headers['content-type']).toBe('image/png');
    const listed = (await t.http().get(url(id)).set(c.co1.auth).expect(200)).body;
    expect(listed.map((x: { id: number; sha256: string }) => [x.id, x.sha256])).toEqual([
      [a.id, sha256(bytes)],
      [png.id, png.sha256],
    ]);
    for (const who of [stranger, c.staff, c.leader, c.unit]) {
      await download(who, id, a.id).expect(404);
      await t.http().get(url(id)).set(who.auth).expect(404);
    }

    await api(t, c.co1, 'post', `/proposals/${id}/cosign`, {});
    await api(t, c.lead, 'post', `/proposals/${id}/submit`, {});
    await api(t, c.staff, 'post', `/proposals/${id}/review`, { decision: 'accept' });
    await api(t, c.staff, 'post', `/proposals/${id}/assign`, { leadUnitId: c.unit.unitId });
    for (const who of [c.staff, c.leader, c.unit, c.lead])
      expect((await download(who, id, a.id).expect(200)).body.equals(bytes)).toBe(true);
    expect(
      (await t.http().get(`/api/v1/proposals/${id}`).set(c.unit.auth).expect(200)).body.attachments.map(
        (x: { name: string }) => x.name,
      ),
    ).toEqual(['调研 “报告”.pdf', '现场.png']);
    expect((await download(stranger, id, a.id).expect(403)).body.toString()).toContain('您无权查看该提案');
    await download(otherUnit, id, a.id).expect(403);
    await t.http().get(url(id)).set(otherUnit.auth).expect(403);
  });

  it('an attachment is reached only through its own proposal', async () => {
    const mine = await draft(t, c.lead, c.sessionId);
    const other = await draft(t, c.lead, c.sessionId);
    const a = (await upload(c.lead, mine, '甲.pdf', uniquePdf()).expect(201)).body;
    expect((await download(c.lead, other, a.id).expect(404)).body.toString()).toContain('ATTACHMENT_NOT_FOUND');
    await t.http().delete(url(other, a.id)).set(c.lead.auth).expect(404);
    await download(c.lead, mine, 999999).expect(404);
  });

  it('the lead deletes one while draft: gone from the list and the view, audited, the others kept', async () => {
    const id = await draft(t, c.lead, c.sessionId);
    const a = (await upload(c.lead, id, '甲.pdf', uniquePdf()).expect(201)).body;
    const b = (await upload(c.lead, id, '乙.pdf', uniquePdf()).expect(201)).body;
    await t.http().delete(url(id, a.id)).set(c.lead.auth).expect(204);
    expect((await t.http().get(url(id)).set(c.lead.auth).expect(200)).body.map((x: { id: number }) => x.id)).toEqual([
      b.id,
    ]);
    expect(
      (await t.http().get(`/api/v1/proposals/${id}`).set(c.lead.auth)).body.attachments.map(
        (x: { id: number }) => x.id,
      ),
    ).toEqual([b.id]);
    await download(c.lead, id, a.id).expect(404);
    const history = (await t.http().get(`/api/v1/proposals/${id}/history`).set(c.lead.auth).expect(200)).body;
    expect(history.at(-1)).toMatchObject({ action: 'detach', actionLabel: '删除附件' });
    await t.http().delete(url(id, a.id)).set(c.lead.auth).expect(404);
  });
});
