import type { Response } from 'express';
import { contentDisposition } from '../files/attachments.service';

/**
 * Sends a stored report's PDF: as a download, or inline for a viewer; never cached in shared caches.
 * `framed`: shown in a page's frame, where the pages' CSP (object-src 'none') on the PDF itself would stop
 * the browser's PDF viewer.
 */
export function sendPdf(
  res: Response,
  file: { path: string; name: string },
  opts: { inline: boolean; framed?: boolean },
): void {
  const disposition = contentDisposition(file.name);
  res.set({
    'Content-Type': 'application/pdf',
    'Content-Disposition': opts.inline ? disposition.replace(/^attachment/, 'inline') : disposition,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
  if (opts.framed) res.removeHeader('Content-Security-Policy');
  res.sendFile(file.path);
}
