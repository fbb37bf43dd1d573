import * as QRCode from 'qrcode';

/**
 * A QR code of `text` as an SVG document, drawn on the server like the charts (the renderer runs no script and
 * loads nothing). Error correction M (15 %) survives a fold or a drawing pin on a notice board without growing
 * the code much; the quiet zone of 4 modules is the standard's.
 */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
