import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withPdfInfo } from './pdf-info';

/** A one-page PDF laid out as Skia writes one: Info as object 1, a classic cross-reference table, a trailer. */
function skiaLikePdf(): Buffer {
  const objects = [
    "<</Title <FEFF0041>\n/Creator (HeadlessChrome)\n/Producer (Skia/PDF m156)\n/CreationDate (D:20261207023148+00'00')>>",
    '<</Type /Catalog /Pages 3 0 R>>',
    '<</Type /Pages /Kids [4 0 R] /Count 1>>',
    '<</Type /Page /Parent 3 0 R /MediaBox [0 0 594.96 841.92]>>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(out, 'latin1');
}

function pdfinfo(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-pdf-info-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    return execFileSync('pdfinfo', [path.join(dir, 'a.pdf')], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('withPdfInfo', () => {
  it('appends an Info dictionary with the Chinese title, author and creator; keeps Producer, CreationDate and every byte before', () => {
    const pdf = skiaLikePdf();
    const out = withPdfInfo(pdf, {
      title: '关于盘活工业低效用地的协商情况',
      author: '政协吴忠市委员会办公室',
      creator: '协商',
    });
    expect(out.subarray(0, pdf.length).equals(pdf)).toBe(true);
    const info = pdfinfo(out);
    expect(info).toMatch(/Title:\s+关于盘活工业低效用地的协商情况\n/);
    expect(info).toMatch(/Author:\s+政协吴忠市委员会办公室\n/);
    expect(info).toMatch(/Creator:\s+协商\n/);
    expect(info).toMatch(/Producer:\s+Skia\/PDF m156\n/);
    expect(info).toMatch(/CreationDate:\s+Mon Dec {2}7 02:31:48 2026 UTC/);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).not.toMatch(/Syntax (Error|Warning)/);
  });

  it('leaves a PDF without such a trailer as it was', () => {
    const odd = Buffer.from('%PDF-1.7\n% an xref stream, no trailer\n%%EOF');
    expect(withPdfInfo(odd, { title: 'x', author: 'y', creator: '协商' })).toBe(odd);
  });
});
