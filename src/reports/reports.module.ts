import { Module } from '@nestjs/common';
import { PdfRenderer } from './pdf-renderer';
import { ReportTemplates } from './report-templates';

/** Report rendering: templates to HTML, HTML to PDF. Requests, jobs and delivery build on these. */
@Module({
  providers: [PdfRenderer, ReportTemplates],
  exports: [PdfRenderer, ReportTemplates],
})
export class ReportsModule {}
