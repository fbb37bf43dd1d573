/** The document information a report's PDF carries (what `pdfinfo` and a reader's 属性 dialog show). */
export interface PdfInfo {
  title: string;
  /** The issuing organ. */
  author: string;
  /** The application: 「协商」. */
  creator: string;
}

/** A PDF text string in UTF-16BE with its byte order mark: what Chinese needs. */
function textString(value: string): string {
  const bytes = Buffer.from(`\uFEFF${value}`, 'utf16le').swap16();
  return `<${bytes.toString('hex').toUpperCase()}>`;
}

/**
 * `pdf` (as Chromium's Skia writes it: a classic cross-reference table and a trailer naming the Info
 * dictionary) with a new Info dictionary, written as an incremental update (ISO 32000-1 §7.5.6): the new
 * object, a cross-reference section for it and a trailer pointing back at the old one are appended; not a
 * byte of Chromium's PDF is rewritten, so its fonts and pages stay exactly as printed. Chromium cannot set an
 * Author, and puts its user agent in Creator. Producer and CreationDate are kept from Chromium's dictionary.
 * Returns `pdf` unchanged when its trailer is not of that form.
 */
export function withPdfInfo(pdf: Buffer, info: PdfInfo): Buffer {
  const tail = pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1');
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$/.exec(tail);
  if (!trailer) return pdf;
  const size = Number(/\/Size (\d+)/.exec(trailer[1])?.[1]);
  const root = /\/Root (\d+ \d+ R)/.exec(trailer[1])?.[1];
  const infoRef = /\/Info (\d+) (\d+) R/.exec(trailer[1]);
  if (!size || !root) return pdf;
  const head = pdf.toString('latin1', 0, Math.min(pdf.length, 4096));
  const keep = (key: string) => new RegExp(`/${key} (\\([^)]*\\))`).exec(head)?.[1];
  const [num, gen] = infoRef ? [Number(infoRef[1]), Number(infoRef[2])] : [size, 0];
  const fields = [
    `/Title ${textString(info.title)}`,
    `/Author ${textString(info.author)}`,
    `/Creator ${textString(info.creator)}`,
    ...['Producer', 'CreationDate', 'ModDate'].flatMap((k) => (keep(k) ? [`/${k} ${keep(k)}`] : [])),
  ];
  const body = `\n${num} ${gen} obj\n<<${fields.join('\n')}>>\nendobj\n`;
  const xrefAt = pdf.length + body.length;
  const entry = (offset: number, g: number) => `${String(offset).padStart(10, '0')} ${String(g).padStart(5, '0')} n \n`;
  const xref =
    `xref\n0 1\n0000000000 65535 f \n${num} 1\n${entry(pdf.length + 1, gen)}` +
    `trailer\n<</Size ${Math.max(size, num + 1)}\n/Root ${root}\n/Info ${num} ${gen} R\n/Prev ${trailer[2]}>>\n` +
    `startxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body + xref, 'latin1')]);
}
