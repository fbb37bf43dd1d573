import * as fs from 'node:fs';
import * as path from 'node:path';
import { Attachment } from '../../src/files/attachment.entity';
import { cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { sha256, tinyPdf } from '../support/file-fixtures';
import { draft, draftBody } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';
import { createVisit, visitBody } from '../support/visits';

/**
 * What an upload or a text field may carry (security review L2, L10): images whose header declares more pixels
 * than XS_IMAGE_MAX_PIXELS are refused before anything decodes them, and Unicode bidi controls never reach a
 * stored file name or a title.
 */
describe('upload and text hardening', () => {
  let t: TestApp;
  let c: Cast;
  let visitId: number;
  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    visitId = (await createVisit(t, c.staff, visitBody((await t.make.committee()).id))).id;
  });
  afterAll(() => t.close());

  const photo = (bytes: Buffer, name: string) =>
    t.http().post(`/api/v1/visits/${visitId}/photos`).set(c.staff.auth).attach('file', bytes, name);
  const stored = (bytes: Buffer) =>
    fs.existsSync(path.join(t.config.filesDir, 'attachments', sha256(bytes).slice(0, 2), sha256(bytes)));

  it('refuses a photo whose PNG header declares 20000×20000 pixels (413, nothing stored), accepts 1000×1000', async () => {
    const rows = await t.ds.getRepository(Attachment).count();
    const bomb = pngHeader(20000, 20000);
    expect((await photo(bomb, '炸弹.png').expect(413)).body).toEqual({
      statusCode: 413,
      code: 'IMAGE_TOO_LARGE',
      message: '图片像素过大（20000×20000），请压缩到5000万像素以内后再上传',
      details: { width: 20000, height: 20000, maxPixels: 50_000_000 },
    });
    expect(stored(bomb)).toBe(false);
    expect(await t.ds.getRepository(Attachment).count()).toBe(rows);

    const fine = pngHeader(1000, 1000);
    expect((await photo(fine, '展板.png').expect(201)).body).toMatchObject({ name: '展板.png', mime: 'image/png' });
  });

  it('refuses a JPEG whose SOF segment (after an APP1 block) declares 30000×20000 pixels, as a proposal attachment too', async () => {
    const bomb = jpegHeader(30000, 20000);
    expect((await photo(bomb, '炸弹.jpg').expect(413)).body.message).toBe(
      '图片像素过大（30000×20000），请压缩到5000万像素以内后再上传',
    );
    const id = await draft(t, c.lead, c.sessionId);
    const res = await t
      .http()
      .post(`/api/v1/proposals/${id}/attachments`)
      .set(c.lead.auth)
      .attach('file', bomb, '现场.jpg')
      .expect(413);
    expect(res.body.code).toBe('IMAGE_TOO_LARGE');
    expect(stored(bomb)).toBe(false);
    expect((await photo(jpegHeader(4000, 3000), '相机.jpg').expect(201)).body.mime).toBe('image/jpeg');
  });

  it('stores an uploaded file name without its bidi controls: report\\u202Egnp.pdf is kept as reportgnp.pdf', async () => {
    const id = await draft(t, c.lead, c.sessionId);
    const pdf = Buffer.concat([tinyPdf(), Buffer.from('%bidi\n')]);
    const res = await t
      .http()
      .post(`/api/v1/proposals/${id}/attachments`)
      .set(c.lead.auth)
      .attach('file', pdf, 'report\u202Egnp.pdf')
      .expect(201);
    expect(res.body.name).toBe('reportgnp.pdf');
    const row = await t.ds.getRepository(Attachment).findOneByOrFail({ id: res.body.id });
    expect(row.name).toBe('reportgnp.pdf');
    expect(/\p{Bidi_Control}/u.test(row.name)).toBe(false);
  });

  it("refuses a bidi control in a person's name and in a proposal's suggestions (400), naming the field", async () => {
    const admin = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
    const user = await t
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        username: `bidi${process.pid % 1000}`,
        password: 'Passw0rd2026',
        displayName: '张\u202E三',
        roles: ['staff'],
      })
      .expect(400);
    expect(user.body.details.fields).toEqual({
      displayName: ['姓名含有不可见的文字方向控制字符（如 U+202E），请删除后重新提交'],
    });
    const proposal = await t
      .http()
      .post('/api/v1/proposals')
      .set(c.lead.auth)
      .send(draftBody(c.sessionId, { suggestions: ['简化审批', '设立\u2067专项补贴'] }))
      .expect(400);
    expect(proposal.body.details.fields).toEqual({
      suggestions: ['建议含有不可见的文字方向控制字符（如 U+202E），请删除后重新提交'],
    });
  });

  it('refuses a title or a text with a bidi control (400, the API error shape); newlines and tabs in long text pass', async () => {
    for (const ch of ['\u202E', '\u2066', '\u200F', '\u061C']) {
      const res = await t
        .http()
        .post('/api/v1/proposals')
        .set(c.lead.auth)
        .send(draftBody(c.sessionId, { title: `关于${ch}加强停车管理的建议` }))
        .expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        details: { fields: { title: ['案由含有不可见的文字方向控制字符（如 U+202E），请删除后重新提交'] } },
      });
    }
    const background = await t
      .http()
      .post('/api/v1/proposals')
      .set(c.lead.auth)
      .send(draftBody(c.sessionId, { background: '现状\u202E说明' }))
      .expect(400);
    expect(Object.keys(background.body.details.fields)).toEqual(['background']);
    const ok = await api(
      t,
      c.lead,
      'post',
      '/proposals',
      draftBody(c.sessionId, { background: '一、现状：\n\t老旧小区　无电梯。\r\n二、问题：出行难。' }),
      201,
    );
    expect((await api(t, c.lead, 'get', `/proposals/${ok.id}`)).background).toContain('\n\t老旧小区　无电梯');
  });
});

/** The signature and IHDR chunk of a PNG of `width`×`height`: a header only, which the upload checks never decode. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 6, 0, 0, 0], 16);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, Buffer.from(`${width}`)]);
}

/** A JPEG header: SOI, an APP1 block holding bytes that look like another SOF, then a baseline SOF0 of `width`×`height`. */
function jpegHeader(width: number, height: number): Buffer {
  const decoy = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, 2 + 6 + decoy.length]), Buffer.from('Exif\0\0'), decoy]);
  const sof = Buffer.alloc(19);
  sof.set([0xff, 0xc0, 0x00, 0x11, 0x08]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  sof.set([0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01], 9);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, sof, Buffer.from([0xff, 0xd9])]);
}
