import { jpegWithThumbnail, tinyJpeg, tinyPng } from '../../test/support/file-fixtures';
import { jpegThumbnail } from './jpeg-thumbnail';

describe('jpegThumbnail', () => {
  const thumb = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xdb]),
    Buffer.from('缩略图', 'utf8'),
    Buffer.from([0xff, 0xd9]),
  ]);

  it('finds the EXIF preview of a JPEG, in either byte order', () => {
    expect(jpegThumbnail(jpegWithThumbnail(thumb, true))?.equals(thumb)).toBe(true);
    expect(jpegThumbnail(jpegWithThumbnail(thumb, false))?.equals(thumb)).toBe(true);
  });

  it('has none for a JPEG without EXIF, a PNG, or a cut-off file', () => {
    expect(jpegThumbnail(tinyJpeg())).toBeNull();
    expect(jpegThumbnail(tinyPng())).toBeNull();
    const whole = jpegWithThumbnail(thumb);
    expect(jpegThumbnail(whole.subarray(0, 40))).toBeNull();
    expect(jpegThumbnail(Buffer.alloc(0))).toBeNull();
  });

  it('refuses a "thumbnail" that is not a JPEG', () => {
    expect(jpegThumbnail(jpegWithThumbnail(Buffer.from('not a jpeg at all')))).toBeNull();
  });
});
