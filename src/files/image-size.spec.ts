import { imageSize, overPixelBudget, pixelsTooManyMessage } from './image-size';

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function png(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  b.set(PNG_SIG);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

const segment = (marker: number, body: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
const sof = (marker: number, width: number, height: number) =>
  segment(marker, Buffer.from([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]));

describe('imageSize', () => {
  it("reads a PNG's IHDR", () => {
    expect(imageSize(png(20000, 20000))).toEqual({ width: 20000, height: 20000 });
    expect(imageSize(png(1, 1).subarray(0, 20))).toBeNull();
  });

  it("reads a JPEG's first SOFn, past APPn segments (an EXIF thumbnail's own SOF included), fill bytes and stray bytes", () => {
    const thumb = Buffer.concat([Buffer.from([0xff, 0xd8]), sof(0xc0, 160, 120), Buffer.from([0xff, 0xd9])]);
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0'), thumb])),
      segment(0xdb, Buffer.alloc(65)),
      Buffer.from([0x00, 0xff, 0xff]),
      sof(0xc2, 6000, 4000),
    ]);
    expect(imageSize(jpeg)).toEqual({ width: 6000, height: 4000 });
    // DHT (C4) is no SOF
    expect(
      imageSize(Buffer.concat([Buffer.from([0xff, 0xd8]), segment(0xc4, Buffer.alloc(4)), sof(0xc1, 7, 9)])),
    ).toEqual({ width: 7, height: 9 });
  });

  it('has none for a JPEG without a SOF before its scan or end, a cut-off one, or other bytes', () => {
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0xff, 0xd9]))).toBeNull();
    expect(
      imageSize(Buffer.concat([Buffer.from([0xff, 0xd8]), segment(0xda, Buffer.alloc(4)), sof(0xc0, 9, 9)])),
    ).toBeNull();
    expect(imageSize(Buffer.concat([Buffer.from([0xff, 0xd8]), sof(0xc0, 9, 9).subarray(0, 7)]))).toBeNull();
    expect(imageSize(Buffer.from('%PDF-1.4'))).toBeNull();
    // One pass over a megabyte of bytes that are no marker: it ends, with no answer.
    expect(imageSize(Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(1024 * 1024, 0x00)]))).toBeNull();
  });

  it('counts pixels against the budget and says so in Chinese', () => {
    expect(overPixelBudget({ width: 10000, height: 5000 }, 50_000_000)).toBe(false);
    expect(overPixelBudget({ width: 10000, height: 5001 }, 50_000_000)).toBe(true);
    expect(pixelsTooManyMessage({ width: 20000, height: 20000 }, 50_000_000)).toBe(
      '图片像素过大（20000×20000），请压缩到5000万像素以内后再上传',
    );
  });
});
