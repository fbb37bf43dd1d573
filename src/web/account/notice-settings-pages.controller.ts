import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { NOTICE_CATEGORIES } from '../../notifications/notice-categories';
import { DeliveryQuery, NoticeSettingsView, UpdateNoticeSettingsDto } from '../../notifications/notice-settings.dto';
import { DELIVERY_STATUS_LABELS, maskMobile, NoticeSettingsService } from '../../notifications/notice-settings.service';
import { FormSpec, FormState, formState, parseQuery, submitForm } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';

const SETTINGS_FORM: FormSpec = { email: 'text|null', digest: 'bool', quietHours: 'bool' };
const DELIVERY_QUERY: FormSpec = { page: 'int', status: 'text?', channel: 'text?' };
const checkbox = (channel: 'email' | 'sms', category: string) => `${channel}_${category}`;

/** 通知设置 (everyone's own) and 发送记录 (staff): the pages of the notices beyond the inbox. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller()
export class NoticeSettingsPagesController {
  constructor(
    private readonly settings: NoticeSettingsService,
    private readonly pages: WebPages,
  ) {}

  @Get('account/notices')
  async showSettings(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    const view = await this.settings.get(actor);
    this.render(req, res, view, formOf(view), done === '1', 200);
  }

  @Post('account/notices')
  async saveSettings(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const categories = NOTICE_CATEGORIES.map((category) => ({
      category,
      email: !!body[checkbox('email', category)],
      sms: !!body[checkbox('sms', category)],
    }));
    const outcome = await submitForm(UpdateNoticeSettingsDto, SETTINGS_FORM, body, (dto) =>
      this.settings.update(actor, { ...dto, categories }),
    );
    if (outcome.ok) return this.pages.redirect(res, '/account/notices?done=1');
    const view = await this.settings.get(actor);
    const ticked = Object.fromEntries(
      categories.flatMap((c) => [
        [checkbox('email', c.category), c.email],
        [checkbox('sms', c.category), c.sms],
      ]),
    );
    const form: FormState = { ...outcome.form, values: { ...outcome.form.values, ...ticked } };
    this.render(req, res, view, form, false, outcome.status);
  }

  private render(
    req: AuthedRequest,
    res: Response,
    view: NoticeSettingsView,
    form: FormState,
    saved: boolean,
    status: number,
  ): void {
    this.pages.send(
      req,
      res,
      'account/notices',
      {
        form,
        saved,
        mobile: view.mobile ? maskMobile(view.mobile) : null,
        channels: view.channels,
        quietLabel: `夜间免打扰：${view.quietHoursLabel} 不发短信`,
        categories: view.categories.map((c) => ({
          ...c,
          emailField: checkbox('email', c.category),
          smsField: checkbox('sms', c.category),
        })),
      },
      { section: 'inbox', status },
    );
  }

  @Roles('staff')
  @Get('inbox/deliveries')
  async showDeliveries(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const query = await parseQuery(DeliveryQuery, DELIVERY_QUERY, raw);
    const page = await this.settings.deliveries(query);
    const filters = { status: query.status, channel: query.channel };
    this.pages.send(
      req,
      res,
      'inbox/deliveries',
      {
        items: page.items.map((d) => ({ ...d, failed: d.status === 'failed' })),
        pager: pagerFor(page, '/inbox/deliveries', filters),
        statuses: Object.entries(DELIVERY_STATUS_LABELS).map(([value, label]) => ({
          value,
          label,
          current: query.status === value,
          href: `/inbox/deliveries?status=${value}${query.channel ? `&channel=${query.channel}` : ''}`,
        })),
        allHref: query.channel ? `/inbox/deliveries?channel=${query.channel}` : '/inbox/deliveries',
        anyStatus: !query.status,
        retried: raw.done === 'retry',
      },
      { section: 'inbox' },
    );
  }

  @Roles('staff')
  @Post('inbox/deliveries/:id/retry')
  async retry(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    await this.settings.retry(actor, id);
    this.pages.redirect(res, '/inbox/deliveries?done=retry');
  }
}

function formOf(view: NoticeSettingsView): FormState {
  return formState({
    email: view.email ?? '',
    digest: view.digest,
    quietHours: view.quietHours,
    ...Object.fromEntries(
      view.categories.flatMap((c) => [
        [checkbox('email', c.category), c.email],
        [checkbox('sms', c.category), c.sms],
      ]),
    ),
  });
}
