import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditEntry } from '../../src/audit/audit.entities';
import { User } from '../../src/auth/user.entity';
import { Actor } from '../../src/common/actor';
import { Tx } from '../../src/database/tx';
import { Attachment } from '../../src/files/attachment.entity';
import { AttachmentsService, contentDisposition, Upload } from '../../src/files/attachments.service';
import { tinyDocx, tinyPdf, tinyPng } from '../support/file-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** The file store under every attachment endpoint: type from the bytes, size limit, checksum, content-addressed storage. */
describe('attachments store', () => {
  let t: TestApp;
  let files: AttachmentsService;
  let tx: Tx;
  let actor: Actor;
  beforeAll(async () => {
    t = await startTestApp({ XS_UPLOAD_MAX_MB: '1' });
    files = t.app.get(AttachmentsService);
    tx = t.app.get(Tx);
    const { userId } = await t.signInAs('staff');
    const user = await t.ds.getRepository(User).findOneByOrFail({ id: userId });
    actor = {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: ['staff'],
      memberId: null,
      unitId: null,
      pointId: null,
    };
  });
  afterAll(() => t.close());

  // multer hands the multipart filename over as latin1 bytes; this is what it gives for a UTF-8 name.
  const upload = (name: string, buffer: Buffer): Upload => ({
    originalname: Buffer.from(name, 'utf8').toString('latin1'),
    buffer,
    size: buffer.length,
  });
  const add = (ownerId: number, u: Upload | undefined) =>
    tx.run((em) => files.add(em, actor, { type: 'proposal', id: ownerId }, u));

  it('stores a PDF under its SHA-256 with a row and an audit entry, keeping the Chinese file name', async () => {
    const row = await add(1, upload('关于家政服务业的调研.pdf', tinyPdf()));
    expect(row).toMatchObject({ name: '关于家政服务业的调研.pdf', mime: 'application/pdf', bytes: tinyPdf().length });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = path.join(t.config.filesDir, 'attachments', row.sha256.slice(0, 2), row.sha256);
    expect(fs.readFileSync(stored).equals(tinyPdf())).toBe(true);
    const audit = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'proposal.attach', entityId: '1' });
    expect(JSON.parse(audit.toState ?? '{}')).toMatchObject({ attachmentId: row.id, sha256: row.sha256 });
  });

  it('judges the type from the bytes: a text file named .pdf is 415 and leaves no row', async () => {
    const before = await t.ds.getRepository(Attachment).count();
    await expect(add(2, upload('伪装.pdf', Buffer.from('只是一段文字')))).rejects.toMatchObject({
      statusCode: 415,
      code: 'UNSUPPORTED_FILE_TYPE',
      message: expect.stringContaining('PDF'),
    });
    expect(await t.ds.getRepository(Attachment).count()).toBe(before);
  });

  it('accepts Word and PNG, refuses an empty upload and a file over XS_UPLOAD_MAX_MB (413)', async () => {
    expect((await add(3, upload('意见.docx', tinyDocx()))).mime).toContain('wordprocessingml');
    expect((await add(3, upload('现场.png', tinyPng()))).mime).toBe('image/png');
    await expect(add(3, undefined)).rejects.toMatchObject({ statusCode: 400 });
    await expect(add(3, upload('空.pdf', Buffer.alloc(0)))).rejects.toMatchObject({ statusCode: 400 });
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(1024 * 1024)]);
    await expect(add(3, upload('大.pdf', big))).rejects.toMatchObject({
      statusCode: 413,
      code: 'FILE_TOO_LARGE',
      message: '文件不能超过 1 MB',
    });
  });

  it('stores the same bytes once and opens a file only through its own owner', async () => {
    const a = await add(4, upload('甲.pdf', tinyPdf()));
    const b = await add(5, upload('乙.pdf', tinyPdf()));
    expect(a.sha256).toBe(b.sha256);
    expect(
      fs
        .readdirSync(path.join(t.config.filesDir, 'attachments', a.sha256.slice(0, 2)))
        .filter((f) => f.startsWith(a.sha256)),
    ).toEqual([a.sha256]);
    const opened = await tx.run((em) => files.open(em, { type: 'proposal', id: 4 }, a.id));
    opened.stream.destroy();
    expect(opened.attachment.name).toBe('甲.pdf');
    await expect(tx.run((em) => files.open(em, { type: 'proposal', id: 5 }, a.id))).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(tx.run((em) => files.open(em, { type: 'topic', id: 4 }, a.id))).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('offers downloads with the UTF-8 name and a safe ASCII fallback', () => {
    expect(contentDisposition('调研 "报告".pdf')).toBe(
      `attachment; filename="__ ____.pdf"; filename*=UTF-8''${encodeURIComponent('调研 "报告".pdf')}`,
    );
  });
});
