import { crc32, deflateSync } from 'node:zlib';

/**
 * The demo visit's photos, drawn here rather than downloaded: two plain pictures of the 家政 visit (a training
 * room with its banner and trainees around a care bed; a round-table talk at the trade association), encoded
 * as PNG with node:zlib so the demo needs no image library at run time. Deterministic: the same bytes each load.
 */

type Rgb = [number, number, number];

class Canvas {
  readonly data: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = Buffer.alloc(width * height * 3);
  }

  /** A rectangle shaded from `top` colour to `bottom` colour. */
  rect(x: number, y: number, w: number, h: number, top: Rgb, bottom: Rgb = top): void {
    for (let j = Math.max(0, y); j < Math.min(this.height, y + h); j++) {
      const t = h > 1 ? (j - y) / (h - 1) : 0;
      const c = mix(top, bottom, t);
      for (let i = Math.max(0, x); i < Math.min(this.width, x + w); i++) this.set(i, j, c);
    }
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb): void {
    for (let j = Math.floor(cy - ry); j <= cy + ry; j++)
      for (let i = Math.floor(cx - rx); i <= cx + rx; i++)
        if (((i - cx) / rx) ** 2 + ((j - cy) / ry) ** 2 <= 1) this.set(i, j, c);
  }

  /** A person seen from the front: head, hair, and the body to `bottom`. */
  person(cx: number, headY: number, scale: number, clothes: Rgb, bottom: number): void {
    const r = 13 * scale;
    this.rect(
      Math.round(cx - 24 * scale),
      Math.round(headY + r * 1.6),
      Math.round(48 * scale),
      Math.round(bottom - headY - r * 1.6),
      clothes,
      mix(clothes, [0, 0, 0], 0.25),
    );
    this.ellipse(cx, headY + r * 1.8, 22 * scale, 8 * scale, clothes);
    this.rect(
      Math.round(cx - 5 * scale),
      Math.round(headY + r * 0.9),
      Math.round(10 * scale),
      Math.round(r * 0.8),
      [222, 180, 150],
    );
    this.ellipse(cx, headY, r * 0.85, r, [232, 192, 160]);
    this.ellipse(cx, headY - r * 0.45, r * 0.9, r * 0.6, [40, 32, 30]);
  }

  private set(i: number, j: number, [r, g, b]: Rgb): void {
    if (i < 0 || j < 0 || i >= this.width || j >= this.height) return;
    const k = (j * this.width + i) * 3;
    this.data[k] = r;
    this.data[k + 1] = g;
    this.data[k + 2] = b;
  }

  png(): Buffer {
    const raw = Buffer.alloc((this.width * 3 + 1) * this.height);
    for (let j = 0; j < this.height; j++)
      this.data.copy(raw, j * (this.width * 3 + 1) + 1, j * this.width * 3, (j + 1) * this.width * 3);
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw, { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * t)) as Rgb;

const RED: Rgb = [190, 30, 35];
const SUIT: Rgb = [45, 52, 70];
const WHITE_COAT: Rgb = [236, 238, 240];

/** A room 720 × 480: the wall down to `floorY`, the floor below, and a red banner of gold characters across the wall. */
function room(
  wall: [Rgb, Rgb],
  floorY: number,
  floor: [Rgb, Rgb],
  banner: { x: number; y: number; w: number; h: number; n: number },
) {
  const c = new Canvas(720, 480);
  c.rect(0, 0, 720, floorY, ...wall);
  c.rect(0, floorY, 720, 480 - floorY, ...floor);
  c.rect(banner.x, banner.y, banner.w, banner.h, RED, [160, 22, 28]);
  const step = (banner.w - 32) / banner.n;
  for (let i = 0; i < banner.n; i++)
    c.rect(
      Math.round(banner.x + 16 + i * step + step * 0.2),
      banner.y + 11,
      Math.round(step * 0.6),
      banner.h - 22,
      [246, 214, 120],
    );
  return c;
}

/** 观摩家政培训基地: a bright training room, a red banner, a care bed, trainees in white and visitors in dark suits. */
function trainingRoom(): Buffer {
  const c = room(
    [
      [238, 232, 218],
      [214, 206, 190],
    ],
    330,
    [
      [170, 160, 146],
      [120, 110, 98],
    ],
    { x: 60, y: 50, w: 600, h: 44, n: 12 },
  );
  for (const x of [70, 520]) {
    c.rect(x, 120, 130, 150, [186, 214, 236], [150, 190, 222]);
    c.rect(x + 63, 120, 4, 150, [250, 250, 250]);
    c.rect(x, 193, 130, 4, [250, 250, 250]);
  }
  c.rect(250, 270, 240, 70, [250, 250, 252], [226, 228, 232]);
  c.rect(250, 340, 12, 60, [150, 150, 156]);
  c.rect(478, 340, 12, 60, [150, 150, 156]);
  c.ellipse(285, 268, 26, 14, [255, 255, 255]);
  c.rect(300, 258, 150, 26, [120, 170, 210]);
  c.person(250, 190, 1.2, WHITE_COAT, 480);
  c.person(470, 196, 1.15, WHITE_COAT, 480);
  c.person(120, 215, 1.4, SUIT, 480);
  c.person(610, 212, 1.4, SUIT, 480);
  c.person(370, 205, 1.3, [88, 96, 112], 480);
  return c.png();
}

/** 座谈交流: a meeting room at the trade association, a long table with cards and flowers, people on both sides. */
function roundTable(): Buffer {
  const c = room(
    [
      [226, 220, 206],
      [204, 196, 180],
    ],
    260,
    [
      [140, 120, 100],
      [110, 92, 76],
    ],
    { x: 90, y: 40, w: 540, h: 50, n: 14 },
  );
  for (let i = 0; i < 5; i++) c.person(150 + i * 105, 150, 1, i % 2 ? SUIT : [70, 70, 78], 300);
  c.rect(60, 270, 600, 90, [120, 72, 40], [92, 54, 30]);
  c.rect(40, 250, 640, 24, [150, 92, 52], [128, 78, 44]);
  for (let i = 0; i < 5; i++) c.rect(132 + i * 105, 232, 36, 20, [250, 250, 250]);
  c.ellipse(360, 300, 70, 22, [40, 120, 60]);
  for (let i = 0; i < 9; i++) c.ellipse(310 + i * 12, 292 + (i % 3) * 5, 7, 6, i % 2 ? [220, 50, 60] : [250, 200, 60]);
  c.person(110, 330, 1.5, SUIT, 480);
  c.person(610, 335, 1.5, [90, 60, 60], 480);
  return c.png();
}

/** The photos of the 家政 visit, by file name. */
export function demoVisitPhotos(): Array<{ name: string; bytes: Buffer }> {
  return [
    { name: '观摩家政服务员培训基地.png', bytes: trainingRoom() },
    { name: '家政服务行业协会座谈交流.png', bytes: roundTable() },
  ];
}
