import { Body, Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { ReportsService } from '../../reports/reports.service';
import { sendPdf } from '../../reports/send-pdf';
import { DocumentText, paragraphsOf, textareaOf } from '../../reports/signoff/document-text';
import { ReportSignoffService } from '../../reports/signoff/report-signoff.service';
import { FormSpec, FormState, formState, savedOrShownAgain } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { WebPages } from '../kit/web-pages';

/** The edit form's fields: the title, the lead, and per section `heading-<i>` and `text-<i>` (paragraphs split at blank lines). */
function specOf(text: DocumentText): FormSpec {
  const spec: FormSpec = { title: 'text', lead: 'text' };
  text.sections.forEach((_, i) => Object.assign(spec, { [`heading-${i}`]: 'text', [`text-${i}`]: 'text' }));
  return spec;
}

/** The service's field names (`sections[2].heading`) as the form's (`heading-2`). */
function aliasesOf(text: DocumentText): Record<string, string> {
  const out: Record<string, string> = {};
  text.sections.forEach((_, i) =>
    Object.assign(out, { [`sections[${i}].heading`]: `heading-${i}`, [`sections[${i}].paragraphs`]: `text-${i}` }),
  );
  return out;
}

const field = (body: Record<string, unknown>, name: string): string =>
  typeof body[name] === 'string' ? (body[name] as string) : '';

/**
 * 文稿与签发 on the pages: the edit form of a draft (staff), 提交签发, and the leader's 签发 and 退回修改 on the
 * report's page; each revision's preview. The service decides who may do what (403) and when (409).
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('reports')
export class ReportSignoffPagesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly signoff: ReportSignoffService,
    private readonly pages: WebPages,
  ) {}

  @Roles('staff')
  @Get(':id/edit')
  async editReport(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    const current = await this.signoff.text(actor, id);
    const values: FormState['values'] = { title: current.text.title, lead: textareaOf(current.text.lead ?? []) };
    current.text.sections.forEach((s, i) => {
      values[`heading-${i}`] = s.heading;
      values[`text-${i}`] = textareaOf(s.paragraphs);
    });
    await this.sendEdit(req, res, actor, id, current.revision, current.text, formState(values));
  }

  @Roles('staff')
  @Post(':id/text')
  async saveText(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const current = await this.signoff.text(actor, id);
    const base = Number(field(body, 'baseRevision'));
    const values: FormState['values'] = { title: field(body, 'title'), lead: field(body, 'lead') };
    const sections = current.text.sections.map((s, i) => {
      values[`heading-${i}`] = field(body, `heading-${i}`);
      values[`text-${i}`] = field(body, `text-${i}`);
      return { key: s.key, heading: field(body, `heading-${i}`), paragraphs: paragraphsOf(field(body, `text-${i}`)) };
    });
    const saved = await savedOrShownAgain(
      () =>
        this.signoff.saveText(actor, id, {
          title: field(body, 'title'),
          lead: paragraphsOf(field(body, 'lead')),
          sections,
          ...(Number.isInteger(base) && base > 0 ? { baseRevision: base } : {}),
        }),
      { values, spec: specOf(current.text), options: { aliases: aliasesOf(current.text) } },
      (failed) => this.sendEdit(req, res, actor, id, current.revision, current.text, failed.form, failed.status),
    );
    if (saved) this.pages.redirect(res, `/reports/${id}?done=saved`);
  }

  private async sendEdit(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    revision: number,
    text: DocumentText,
    form: FormState,
    status?: number,
  ): Promise<void> {
    const report = await this.reports.get(actor, id);
    this.pages.send(
      req,
      res,
      'reports/edit',
      {
        report,
        revision,
        form,
        sections: text.sections.map((s, i) => ({
          index: i,
          sub: s.key.includes('.'),
          headingField: `heading-${i}`,
          textField: `text-${i}`,
        })),
      },
      { section: 'reports', status },
    );
  }

  @Roles('staff')
  @Post(':id/submit')
  async submit(@CurrentUser() actor: Actor, @Res() res: Response, @Param('id', ParseIdPipe) id: number) {
    await this.signoff.submit(actor, id);
    this.pages.redirect(res, `/reports/${id}?done=submitted`);
  }

  @Roles('staff', 'leader')
  @Post(':id/sign')
  async sign(@CurrentUser() actor: Actor, @Res() res: Response, @Param('id', ParseIdPipe) id: number) {
    await this.signoff.sign(actor, id);
    this.pages.redirect(res, `/reports/${id}?done=signed`);
  }

  @Roles('staff', 'leader')
  @Post(':id/return')
  async returnToDraft(
    @CurrentUser() actor: Actor,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    try {
      await this.signoff.returnToDraft(actor, id, { note: field(body, 'note') });
    } catch (e) {
      if (e instanceof AppError && e.statusCode === 400)
        return this.pages.redirect(res, `/reports/${id}?done=note-missing`);
      throw e;
    }
    this.pages.redirect(res, `/reports/${id}?done=returned`);
  }

  /** A revision's preview, shown in the page's frame or downloaded. */
  @Roles('staff', 'leader')
  @Get(':id/revisions/:revision/file')
  async revisionFile(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('revision', ParseIdPipe) revision: number,
    @Res() res: Response,
  ): Promise<void> {
    sendPdf(res, await this.signoff.revisionFile(actor, id, revision), { inline: true, framed: true });
  }
}
