import { FOOT_LINK, footBoxMm, footPlan } from './pdf-foot';

/** A PDF's bytes as Skia writes a link annotation and an A4 page box (points from the bottom left corner). */
const skiaLike = (rect: string) =>
  Buffer.from(
    `%PDF-1.4\n3 0 obj\n<</Type /Page /MediaBox [0 0 594.96 841.92]>>\nendobj\n` +
      `7 0 obj\n<</Type /Annot /Subtype /Link /Rect [${rect}] /A <</S /URI /URI (${FOOT_LINK})>>>>\nendobj\n`,
    'latin1',
  );

describe('the 版记 at the foot', () => {
  it("reads where the 版记 landed from the marker link's /Rect, in millimetres from the top of the page", () => {
    const box = footBoxMm(skiaLike('79.37 141.73 515.91 226.77'))!;
    expect(box.top).toBeCloseTo((841.92 - 226.77) * (25.4 / 72), 2);
    expect(box.bottom).toBeCloseTo((841.92 - 141.73) * (25.4 / 72), 2);
    expect(footBoxMm(Buffer.from('%PDF-1.4\n', 'latin1'))).toBeNull();
  });

  it('pads the 版记 down to the 版心 foot (262 mm less 0.3 mm of slack) on a single-sided document', () => {
    expect(footPlan({ top: 150, bottom: 180 }, false, 3)).toEqual({
      mm: 262 - 0.3 - 180,
      newPage: false,
      blankPage: false,
    });
    expect(footPlan({ top: 240, bottom: 262 }, false, 1).mm).toBe(0);
  });

  it('puts it on a page of its own at the foot when a double-sided document ends on an odd page', () => {
    expect(footPlan({ top: 150, bottom: 180 }, true, 2)).toEqual({
      mm: 262 - 0.3 - 180,
      newPage: false,
      blankPage: false,
    });
    const odd = footPlan({ top: 150, bottom: 180 }, true, 3);
    expect(odd).toEqual({ mm: 225 - 0.3 - 30, newPage: true, blankPage: false });
  });

  it('adds a blank page before it when it already stood alone at the top of an odd last page', () => {
    expect(footPlan({ top: 37.4, bottom: 67.4 }, true, 5)).toEqual({
      mm: 225 - 0.3 - 30,
      newPage: true,
      blankPage: true,
    });
    expect(footPlan({ top: 37.4, bottom: 67.4 }, false, 5).blankPage).toBe(false);
  });
});
