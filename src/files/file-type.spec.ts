import { tinyDocx, tinyOle2, tinyZip } from '../../test/support/file-fixtures';
import { detectFileType, nameForType } from './file-type';

describe('detectFileType', () => {
  it('knows PDF, PNG and JPEG by their signatures', () => {
    expect(detectFileType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))?.ext).toBe('pdf');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))?.ext).toBe('png');
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))?.ext).toBe('jpg');
  });

  it('tells a Word .docx from other ZIP files by its word/ entries', () => {
    expect(detectFileType(tinyDocx())?.mime).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(detectFileType(tinyZip('xl/workbook.xml'))).toBeNull();
    expect(detectFileType(tinyZip('payload.exe'))).toBeNull();
  });

  it('tells a Word 97 .doc from other compound files by its WordDocument stream', () => {
    expect(detectFileType(tinyOle2('WordDocument'))?.ext).toBe('doc');
    expect(detectFileType(tinyOle2('Workbook'))).toBeNull();
  });

  it('refuses what only claims to be a document: text, HTML, an executable, an empty file', () => {
    expect(detectFileType(Buffer.from('这是一个改了扩展名的文本文件.pdf'))).toBeNull();
    expect(detectFileType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(detectFileType(Buffer.from([0x4d, 0x5a, 0x90, 0x00]))).toBeNull();
    expect(detectFileType(Buffer.alloc(0))).toBeNull();
    expect(detectFileType(Buffer.from('%PD'))).toBeNull();
  });

  it('keeps a name whose extension fits the bytes, adds one where it is missing, refuses one naming another type', () => {
    const pdf = detectFileType(Buffer.from('%PDF-1.7\n'))!;
    const png = detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))!;
    const docx = detectFileType(tinyDocx())!;
    expect(nameForType('调研报告.PDF', pdf)).toBe('调研报告.PDF');
    expect(nameForType('现场.png', png)).toBe('现场.png');
    expect(nameForType('意见.doc', docx)).toBe('意见.doc');
    expect(nameForType('调研报告', pdf)).toBe('调研报告.pdf');
    expect(nameForType('报告.2024', pdf)).toBe('报告.2024.pdf');
    expect(nameForType('报告.pdf', png)).toBeNull();
    expect(nameForType('照片.jpg', png)).toBeNull();
    expect(nameForType('安装.exe', pdf)).toBeNull();
  });
});
