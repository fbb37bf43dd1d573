import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { chineseDate } from '../../common/chinese-dates';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ORGANIZATION, Organization } from '../../config/organization';
import { Attachment } from '../../files/attachment.entity';
import { AttachmentsService } from '../../files/attachments.service';
import { jpegThumbnail } from '../../files/jpeg-thumbnail';
import type { VisitView } from '../../visits/dto/visit-view.dto';
import { PHOTO_OWNER, VisitViews } from '../../visits/visit-views';
import { Visit } from '../../visits/visit.entities';
import { VisitsService } from '../../visits/visits.service';
import { PdfRenderer } from '../pdf-renderer';
import type { VisitReportContext, VisitReportFindingGroup, VisitReportPhoto } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import type { Report } from '../report.entities';
import { documentStamp } from '../signoff/document-stamp';
import type { DocumentText } from '../signoff/document-text';
import { visitAction } from './briefing-titles';
import { applyVisitReportText, visitReportText } from './issued-texts';
import { noParams, paragraphs } from './proposal-kinds';
import { REPORT_READER } from './topic-briefing-kind';

/** Photos printed in one report at most; the rest are named by their number. */
export const PHOTOS_PRINTED = 40;
/** A printed photo's longer side: two to a row (≈ 75 mm) this is about 340 dpi, and a camera JPEG comes down to ~100 KB. */
export const PHOTO_MAX_PX = 1000;
const PHOTO_QUALITY = 0.8;

/**
 * What both kinds about a visit print: the visit as the office sees it (read at render time), and its
 * parts put in report words. Only a completed visit (已完成) is reported on: a planned one has not been
 * seen yet and a cancelled one never will be (409 with the reason).
 */
@Injectable()
export class VisitReportData {
  constructor(
    private readonly visits: VisitsService,
    private readonly views: VisitViews,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ORGANIZATION) private readonly org: Organization,
  ) {}

  /** As the requester (404 for a visit they may not see), and 409 unless completed. */
  async completed(actor: Actor, visitId: number, label: string): Promise<VisitView> {
    const v = await this.visits.get(actor, visitId);
    if (v.status === 'planned')
      throw AppError.conflict(
        'VISIT_NOT_COMPLETED',
        `该${v.kindLabel}尚未完成（${v.statusLabel}），标记为已完成后才能生成${label}`,
      );
    if (v.status === 'cancelled')
      throw AppError.conflict('VISIT_NOT_COMPLETED', `该${v.kindLabel}已取消，不能生成${label}`);
    return v;
  }

  async view(em: EntityManager, report: Report): Promise<VisitView> {
    const visit = await em.findOneBy(Visit, { id: report.subjectId ?? 0 });
    if (!visit) throw new Error(`视察调研 ${report.subjectId} 已不存在`);
    return this.views.detail(em, visit, REPORT_READER);
  }

  /** 2026年6月18日 */
  date(iso: string): string {
    return chineseDate(iso, this.config.displayTimeZone);
  }

  /** 08:30, with the date before it unless it is the same day as `sameDayAs`. */
  time(iso: string, sameDayAs?: string): string {
    const hm = new Intl.DateTimeFormat('en-GB', {
      timeZone: this.config.displayTimeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
    return sameDayAs !== undefined && this.date(iso) === this.date(sameDayAs) ? hm : `${this.date(iso)} ${hm}`;
  }

  /** 2026年6月18日 08:30至12:00 */
  span(v: VisitView): string {
    return `${this.time(v.startsAt)}至${this.time(v.endsAt, v.startsAt)}`;
  }

  /** 政协XX市委员会经济委员会 */
  organizer(v: VisitView): string {
    return `${this.org.shortName}${v.organizer.name}`;
  }

  /** Members who took part (参加): those who accepted. */
  attendingMembers(v: VisitView): string[] {
    return v.participants.filter((p) => p.kind === 'member' && p.answer === 'accepted').map((p) => p.name);
  }

  /** The opening paragraph: when, who, where, and what came of it. */
  lead(v: VisitView): string[] {
    const members = this.attendingMembers(v).length;
    const places = v.stops.map((s) => s.place);
    const suggestions = v.findings.filter((f) => f.suggestion).length;
    return [
      `${this.date(v.startsAt)}，${this.organizer(v)}${members ? `组织${members}名委员，` : ''}${visitAction(v.title, v.kindLabel)}${places.length ? `，先后到${places.join('、')}实地了解情况` : ''}${v.findings.length ? `，发现问题${v.findings.length}个、提出建议${suggestions}条` : ''}。现将有关情况报告如下。`,
    ];
  }

  /** Findings by stop in itinerary order, then those of the whole visit (其他方面); one untitled group when none names a stop. */
  findingGroups(v: VisitView): VisitReportFindingGroup[] {
    const item = (f: VisitView['findings'][number]) => ({ problem: f.problem, suggestion: f.suggestion });
    if (!v.findings.some((f) => f.stopId !== null))
      return v.findings.length ? [{ heading: null, items: v.findings.map(item) }] : [];
    const groups: VisitReportFindingGroup[] = v.stops
      .map((s) => ({ heading: s.place, items: v.findings.filter((f) => f.stopId === s.id).map(item) }))
      .filter((g) => g.items.length);
    const general = v.findings.filter((f) => f.stopId === null || !v.stops.some((s) => s.id === f.stopId));
    if (general.length) groups.push({ heading: '其他方面', items: general.map(item) });
    return groups;
  }

  /** 抄送: the units whose people were invited. */
  units(v: VisitView): string[] {
    return [
      ...new Set(
        v.participants
          .filter((p) => p.kind === 'unit')
          .map((p) => p.name.split(' ')[0])
          .filter(Boolean),
      ),
    ];
  }
}

/**
 * 视察调研报告 of a completed visit (staff): title, organiser, time, purpose, who took part and who was excused,
 * the itinerary, the findings by stop with their suggestions, the photos, the topics and proposals it led to,
 * and the 版记. Photos are read from the stored files and scaled down by Chromium before they go in, so a
 * report of 20 camera photos stays around 2 MB instead of carrying every full-size file.
 */
@Injectable()
export class VisitReportKind implements ReportKindDef<'visit-report'> {
  readonly kind = 'visit-report' as const;
  readonly label = '视察调研报告';
  readonly subjectType = 'visit' as const;
  readonly roles = ['staff'] as const;
  readonly issued = true;
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly data: VisitReportData,
    private readonly files: AttachmentsService,
    private readonly renderer: PdfRenderer,
    private readonly clock: Clock,
    @Inject(ORGANIZATION) private readonly org: Organization,
  ) {}

  async prepare(actor: Actor, subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport> {
    noParams(params);
    const v = await this.data.completed(actor, subjectId ?? 0, this.label);
    const title = v.title.startsWith('关于')
      ? `${v.title}的报告`
      : v.title.endsWith(v.kindLabel)
        ? `${v.title}报告`
        : `关于${v.title}的${v.kindLabel}报告`;
    return { title, params: {} };
  }

  async context(em: EntityManager, report: Report): Promise<VisitReportContext> {
    const v = await this.data.view(em, report);
    const people = (kind: string, answer: string) =>
      v.participants.filter((p) => p.kind === kind && p.answer === answer).map((p) => p.name);
    const attachments = await em.find(Attachment, {
      where: { ownerType: PHOTO_OWNER, ownerId: v.id },
      order: { id: 'ASC' },
    });
    const { photos, unreadable } = await this.photos(attachments.slice(0, PHOTOS_PRINTED));
    return {
      title: report.title,
      issueNo: null,
      issuingOffice: `${this.org.shortName}办公室`,
      ...documentStamp(report, this.clock.now()),
      printedOn: this.clock.now(),
      kindLabel: v.kindLabel,
      lead: this.data.lead(v),
      purposeHeading: `${v.kindLabel}目的`,
      purpose: paragraphs(v.purpose),
      organizer: this.data.organizer(v),
      time: this.data.span(v),
      participants: {
        members: this.data.attendingMembers(v),
        staff: people('staff', 'accepted'),
        // A unit's person does not answer: staff record who comes, so everyone invited and not 请假 is listed.
        unitPeople: v.participants.filter((p) => p.kind === 'unit' && p.answer !== 'declined').map((p) => p.name),
        excused: v.participants.filter((p) => p.answer === 'declined').map((p) => p.name),
        absent: v.participants.filter((p) => p.kind !== 'unit' && p.answer === 'pending').map((p) => p.name),
      },
      stops: v.stops.map((s) => ({
        position: s.position,
        at: this.data.time(s.at, v.startsAt),
        place: s.place,
        contact: s.contact,
        purpose: s.purpose,
      })),
      findingsHeading: '发现的问题和建议',
      findingGroups: this.data.findingGroups(v),
      photos,
      photosLeftOut: Math.max(0, attachments.length - PHOTOS_PRINTED),
      photosUnreadable: unreadable,
      followUpsHeading: '后续工作',
      followUps: [
        ...v.topics.map((t) => `据此提出协商议题《${t.title}》，目前${t.statusLabel}。`),
        ...v.proposals.map((p) => `据此形成提案《${p.title}》，目前${p.statusLabel}。`),
      ],
      cc: this.data.units(v),
    };
  }

  draftText(context: VisitReportContext): DocumentText {
    return visitReportText(context);
  }

  applyText(context: VisitReportContext, text: DocumentText): VisitReportContext {
    return applyVisitReportText(context, text);
  }

  /**
   * Each photo scaled down to PHOTO_MAX_PX by Chromium; one it cannot decode falls back to the JPEG's own
   * EXIF thumbnail, and without one it is left out and counted.
   */
  private async photos(rows: Attachment[]): Promise<{ photos: VisitReportPhoto[]; unreadable: number }> {
    const photos: VisitReportPhoto[] = [];
    let unreadable = 0;
    for (const a of rows) {
      const caption = a.name.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 40) || `照片${a.id}`;
      let bytes: Buffer;
      try {
        bytes = await this.files.readStart(a, a.bytes);
      } catch (e) {
        this.logger.warn(`照片 ${a.id} 无法读取：${(e as Error).message}`);
        unreadable++;
        continue;
      }
      try {
        const small = await this.renderer.shrinkImage(bytes, a.mime, PHOTO_MAX_PX, PHOTO_QUALITY);
        photos.push({ src: `data:${small.mime};base64,${small.bytes.toString('base64')}`, caption });
      } catch (e) {
        const thumb = a.mime === 'image/jpeg' ? jpegThumbnail(bytes) : null;
        if (thumb) photos.push({ src: `data:image/jpeg;base64,${thumb.toString('base64')}`, caption });
        else unreadable++;
        this.logger.warn(`照片 ${a.id} 无法缩小${thumb ? '，改用其缩略图' : '，未收入报告'}：${(e as Error).message}`);
      }
    }
    return { photos, unreadable };
  }
}
