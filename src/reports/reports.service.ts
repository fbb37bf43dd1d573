import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/user.entity';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { iso } from '../common/iso-time';
import { Page, pageOf } from '../common/pagination';
import { yearOf } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ensureCounterRow, nextCount } from '../database/counters';
import { Tx } from '../database/tx';
import { JobQueue } from '../jobs/job-queue';
import { NotificationsService } from '../notifications/notifications.service';
import { RENDER_JOB, reportJobId } from './render-jobs';
import { isIssuedKind } from './report-kind';
import { ReportKinds } from './report-kinds';
import { assertReportQuota, ReportRequestKey, reusableReport } from './report-quota';
import {
  Report,
  REPORT_STATUS_LABELS,
  ReportDelivery,
  ReportIssueCounter,
  ReportRequestCounter,
} from './report.entities';
import {
  DeliverReportDto,
  DeliveryView,
  InboxItemView,
  ReportListQuery,
  ReportView,
  RequestReportDto,
} from './reports.dto';
import { nextStage } from './signoff/report-stages';
import { stageView } from './signoff/stage-view';

export { RENDER_JOB, reportJobId };

const notFound = () => AppError.notFound('报告', 'REPORT_NOT_FOUND');

/**
 * Report requests, their files, and delivery to leaders. Who may see a report: staff (the office's
 * documents), its requester, and the leaders it was delivered to; to anyone else it does not exist (404).
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly kinds: ReportKinds,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** For the pages: the report a request leads to, new or reused. */
  async request(actor: Actor, dto: RequestReportDto): Promise<ReportView> {
    return (await this.requestOrReuse(actor, dto)).report;
  }

  /**
   * Checks the request as the requester; then either gives back the same person's identical report still
   * queued or rendered moments ago (`reused`: the API answers 200), or — within the person's hourly quota,
   * else 429 — stores a new one as `queued` and enqueues its render (202, never waiting on Chromium). The
   * person's counter row is locked first, so simultaneous requests are decided one after another.
   */
  async requestOrReuse(actor: Actor, dto: RequestReportDto): Promise<{ report: ReportView; reused: boolean }> {
    const def = this.checked(actor, dto);
    const prepared = await def.prepare(actor, dto.subject?.id ?? null, dto.params ?? {});
    const key: ReportRequestKey = {
      kind: def.kind,
      subjectType: def.subjectType,
      subjectId: dto.subject?.id ?? null,
      params: JSON.stringify(prepared.params),
    };
    // Outside the transaction: concurrent first requests would otherwise deadlock inserting the same row.
    await ensureCounterRow(this.ds.manager, ReportRequestCounter, { userId: actor.id }, 'requests');
    const { report, reused } = await this.tx.run(async (em) => {
      await nextCount(em, ReportRequestCounter, { userId: actor.id }, 'requests');
      const now = this.clock.now();
      const existing = await reusableReport(em, actor.id, key, now, this.config.quotas.reportReuseMinutes);
      if (existing) return { report: existing, reused: true };
      await assertReportQuota(em, actor, now, this.config.quotas);
      // A document the office issues is a draft: its number is taken at 签发, in signing order.
      const issued = isIssuedKind(def) && prepared.issued !== false;
      const issueNo = prepared.publication && !issued ? await this.nextIssue(em, prepared.publication, now) : null;
      const row = await em.save(
        em.create(Report, {
          kind: key.kind,
          subjectType: key.subjectType,
          subjectId: key.subjectId,
          params: key.params,
          title: prepared.title.slice(0, 300),
          issueNo,
          publication: prepared.publication ?? null,
          stage: issued ? 'draft' : 'final',
          revision: 0,
          requestedByUserId: actor.id,
          status: 'queued',
          attempts: 0,
          requestedAt: now,
        }),
      );
      await this.audit.record(em, {
        actor,
        action: 'report.request',
        entityType: 'report',
        entityId: row.id,
        to: { kind: row.kind, subject: dto.subject ?? null, title: row.title, issueNo, stage: row.stage },
      });
      return { report: row, reused: false };
    });
    if (!reused) await this.enqueueRender(report);
    return { report: await this.view(this.ds.manager, actor, report), reused };
  }

  /** The kind asked for, once the caller's role and the subject's type fit it (403, 400). */
  private checked(actor: Actor, dto: RequestReportDto) {
    const def = this.kinds.get(dto.kind, dto.subject?.type);
    if (!hasRole(actor, ...def.roles)) throw AppError.forbidden(`您无权生成${def.label}`);
    if (def.subjectType && !dto.subject) throw AppError.invalidField('subject', `${def.label}须指明报告对象`);
    if (!def.subjectType && dto.subject) throw AppError.invalidField('subject', `${def.label}不需要报告对象`);
    if (def.subjectType && dto.subject && dto.subject.type !== def.subjectType)
      throw AppError.invalidField(
        'subject.type',
        `${def.label}的报告对象类型应为 ${this.kinds.subjectTypesOf(def.kind).join(' 或 ')}`,
      );
    return def;
  }

  private async enqueueRender(report: Report): Promise<void> {
    try {
      await this.jobs.enqueue(
        RENDER_JOB.queue,
        RENDER_JOB.name,
        { reportId: report.id },
        { jobId: reportJobId(report.id) },
      );
    } catch (e) {
      await this.ds
        .getRepository(Report)
        .update(
          { id: report.id },
          { status: 'failed', error: '无法加入生成队列，请稍后重新申请', finishedAt: this.clock.now() },
        );
      throw e;
    }
  }

  async get(actor: Actor, id: number): Promise<ReportView> {
    return this.view(this.ds.manager, actor, await this.readable(actor, id));
  }

  async list(actor: Actor, q: ReportListQuery): Promise<Page<ReportView>> {
    const qb = this.ds.getRepository(Report).createQueryBuilder('r').orderBy('r.id', 'DESC');
    if (!hasRole(actor, 'staff'))
      qb.where(
        `(r.requestedByUserId = :me OR EXISTS (SELECT 1 FROM report_deliveries d WHERE d.reportId = r.id AND d.userId = :me)${
          hasRole(actor, 'leader') ? " OR r.stage IN ('submitted', 'signed')" : ''
        })`,
        { me: actor.id },
      );
    if (q.stage) qb.andWhere('r.stage = :stage', { stage: q.stage });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    const [rows, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(await this.views(this.ds.manager, actor, rows), total, q);
  }

  /** The PDF, for those who may see the report; a recipient opening it leaves the read receipt. */
  async file(actor: Actor, id: number): Promise<{ report: Report; path: string; name: string }> {
    const report = await this.readable(actor, id);
    if (report.status !== 'done' || !report.filePath)
      throw AppError.conflict('REPORT_NOT_READY', `报告${REPORT_STATUS_LABELS[report.status]}，还没有可下载的文件`);
    const file = path.join(this.config.filesDir, report.filePath);
    if (!fs.existsSync(file)) throw new AppError(500, 'REPORT_FILE_MISSING', '报告文件已丢失，请重新生成');
    await this.markRead(actor, id, false);
    return { report, path: file, name: `${report.title}.pdf` };
  }

  /**
   * 送达: puts a finished report in each chosen leader's inbox, with a notification; delivering again adds no one
   * twice. A kind with its own 送达 (`ownDelivery`: a 《社情民意》 issue, whose contributors are told) is refused
   * here (409) unless its own module calls (`ownStep`).
   */
  async deliver(actor: Actor, id: number, dto: DeliverReportDto, ownStep = false): Promise<ReportView> {
    return this.tx.run(async (em) => {
      const report = await em.findOneBy(Report, { id });
      if (!report) throw notFound();
      const own = this.kinds.all().find((d) => d.kind === report.kind)?.ownDelivery;
      if (own && !ownStep) throw AppError.conflict('REPORT_OWN_DELIVERY', own);
      // What was signed is what is delivered: an issued document only after 签发 and its final render.
      const stage = nextStage(report.stage, 'deliver');
      if (!stage.ok) throw AppError.conflict('REPORT_NOT_SIGNED', stage.reason);
      if (report.status !== 'done')
        throw AppError.conflict('REPORT_NOT_READY', `报告${REPORT_STATUS_LABELS[report.status]}，生成完成后才能送达`);
      const users = await em.findBy(User, { id: In(dto.leaderUserIds) });
      const leaders = users.filter((u) => !u.disabled && u.roles.includes('leader'));
      const wrong = dto.leaderUserIds.filter((uid) => !leaders.some((u) => u.id === uid));
      if (wrong.length)
        throw AppError.invalid(
          { leaderUserIds: [`账号 ${wrong.join('、')} 不是在用的领导账号`] },
          '只能送达给在用的领导账号',
        );
      const already = new Set(
        (await em.findBy(ReportDelivery, { reportId: id, userId: In(dto.leaderUserIds) })).map((d) => d.userId),
      );
      const fresh = leaders.filter((u) => !already.has(u.id));
      const now = this.clock.now();
      if (fresh.length) {
        await em.insert(
          ReportDelivery,
          fresh.map((u) => ({
            reportId: id,
            userId: u.id,
            deliveredByUserId: actor.id,
            deliveredAt: now,
            readAt: null,
          })),
        );
        await this.audit.record(em, {
          actor,
          action: 'report.deliver',
          entityType: 'report',
          entityId: id,
          from: report.stage,
          to: { recipients: fresh.map((u) => u.displayName), sha256: report.sha256 },
        });
        await this.notifications.notify(
          em,
          fresh.map((u) => u.id),
          {
            kind: 'report.delivered',
            title: `收到报告：${report.title}`.slice(0, 200),
            body: `${actor.displayName}送达了《${report.title}》，请查阅。`,
            link: `/reports/${id}`,
            dedupeKey: `report:${id}:delivered`,
          },
        );
      }
      return this.view(em, actor, report);
    });
  }

  /** 收文: reports delivered to the caller, newest first, with their read receipts. */
  async inbox(actor: Actor, q: ReportListQuery): Promise<Page<InboxItemView> & { unread: number }> {
    const repo = this.ds.getRepository(ReportDelivery);
    const [deliveries, total] = await repo.findAndCount({
      where: { userId: actor.id },
      order: { deliveredAt: 'DESC', id: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const unread = await repo
      .createQueryBuilder('d')
      .where('d.userId = :me AND d.readAt IS NULL', { me: actor.id })
      .getCount();
    const reports = new Map(
      (await this.ds.getRepository(Report).findBy({ id: In(deliveries.map((d) => d.reportId)) })).map((r) => [r.id, r]),
    );
    const views = new Map((await this.views(this.ds.manager, actor, [...reports.values()])).map((v) => [v.id, v]));
    const people = await this.people(
      this.ds.manager,
      deliveries.map((d) => d.deliveredByUserId),
    );
    const items = deliveries.map((d) => ({
      report: views.get(d.reportId)!,
      deliveredBy: people.get(d.deliveredByUserId)!,
      deliveredAt: d.deliveredAt.toISOString(),
      readAt: iso(d.readAt),
    }));
    return { ...pageOf(items, total, q), unread };
  }

  /** The read receipt, set once: when a recipient opens the file or marks it read. Others: 404 when `strict`. */
  async markRead(actor: Actor, reportId: number, strict = true): Promise<void> {
    const delivery = await this.ds.getRepository(ReportDelivery).findOneBy({ reportId, userId: actor.id });
    if (!delivery) {
      if (strict) throw notFound();
      return;
    }
    if (delivery.readAt) return;
    await this.ds
      .getRepository(ReportDelivery)
      .update({ id: delivery.id, readAt: IsNull() }, { readAt: this.clock.now() });
  }

  /** The kinds this caller may request, for a request form. */
  kindsFor(actor: Actor): Array<{ kind: string; label: string; subjectType: string | null }> {
    return this.kinds
      .all()
      .filter((d) => hasRole(actor, ...d.roles))
      .map((d) => ({ kind: d.kind, label: d.label, subjectType: d.subjectType }));
  }

  /** The leader accounts a report can be delivered to, by name. */
  async leaderAccounts(): Promise<Array<{ id: number; displayName: string }>> {
    const users = await this.ds.getRepository(User).find({
      where: { disabled: false },
      select: { id: true, displayName: true, roleList: true },
      order: { displayName: 'ASC' },
    });
    return users.filter((u) => u.roles.includes('leader')).map((u) => ({ id: u.id, displayName: u.displayName }));
  }

  /** Staff, the requester, the recipients; leaders also every document submitted for or past 签发. */
  async readable(actor: Actor, id: number): Promise<Report> {
    const report = await this.ds.getRepository(Report).findOneBy({ id });
    if (!report) throw notFound();
    if (hasRole(actor, 'staff') || report.requestedByUserId === actor.id) return report;
    if (hasRole(actor, 'leader') && (report.stage === 'submitted' || report.stage === 'signed')) return report;
    if (await this.ds.getRepository(ReportDelivery).existsBy({ reportId: id, userId: actor.id })) return report;
    throw notFound();
  }

  private nextIssue(em: EntityManager, publication: string, now: Date): Promise<number> {
    return nextCount(em, ReportIssueCounter, { publication, year: yearOf(now, this.config.displayTimeZone) }, 'last');
  }

  async view(em: EntityManager, actor: Actor, report: Report): Promise<ReportView> {
    return (await this.views(em, actor, [report]))[0];
  }

  private async views(em: EntityManager, actor: Actor, reports: Report[]): Promise<ReportView[]> {
    if (!reports.length) return [];
    const ids = reports.map((r) => r.id);
    const deliveries = await em.findBy(ReportDelivery, { reportId: In(ids) });
    const people = await this.people(em, [
      ...reports.map((r) => r.requestedByUserId),
      ...reports.map((r) => r.signedByUserId).filter((u): u is number => u !== null),
      ...deliveries.flatMap((d) => [d.userId, d.deliveredByUserId]),
    ]);
    return reports.map((r) => {
      const mine = deliveries.filter((d) => d.reportId === r.id);
      const seesDeliveries = hasRole(actor, 'staff') || r.requestedByUserId === actor.id;
      const own = mine.find((d) => d.userId === actor.id);
      const view: ReportView = {
        id: r.id,
        kind: r.kind,
        kindLabel: this.kinds.labelOf(r.kind),
        title: r.title,
        subject: r.subjectType && r.subjectId ? { type: r.subjectType, id: r.subjectId } : null,
        params: JSON.parse(r.params) as Record<string, unknown>,
        issueNo: r.issueNo,
        ...stageView(r, people),
        status: r.status,
        statusLabel: REPORT_STATUS_LABELS[r.status],
        attempts: r.attempts,
        error: r.error,
        pages: r.pages,
        bytes: r.bytes,
        sha256: r.sha256,
        renderMs: r.renderMs,
        requestedBy: people.get(r.requestedByUserId)!,
        requestedAt: r.requestedAt.toISOString(),
        finishedAt: iso(r.finishedAt),
      };
      if (seesDeliveries)
        view.deliveries = mine.map(
          (d) =>
            ({
              recipient: people.get(d.userId)!,
              deliveredBy: people.get(d.deliveredByUserId)!,
              deliveredAt: d.deliveredAt.toISOString(),
              readAt: iso(d.readAt),
            }) satisfies DeliveryView,
        );
      if (own) view.readAt = iso(own.readAt);
      return view;
    });
  }

  private async people(em: EntityManager, ids: number[]): Promise<Map<number, { id: number; displayName: string }>> {
    const unique = [...new Set(ids)];
    const users = unique.length
      ? await em.find(User, { where: { id: In(unique) }, select: { id: true, displayName: true } })
      : [];
    return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
  }
}
