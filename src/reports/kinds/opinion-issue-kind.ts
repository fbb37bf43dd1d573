import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { ORGANIZATION, Organization } from '../../config/organization';
import { Member } from '../../directory/directory.entities';
import { Opinion, OpinionContributor } from '../../opinions/opinion.entities';
import { OPINION_CONFIG, OpinionConfig } from '../../opinions/opinions.config';
import type { OpinionIssueContext } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import type { Report } from '../report.entities';
import { documentStamp } from '../signoff/document-stamp';
import type { DocumentText } from '../signoff/document-text';
import { applyIssueText, issueText, reportedBy } from './opinion-issue-text';
import { paragraphs } from './proposal-kinds';

/** The publication whose 第N期 counter an issue takes, per year: its own, not the 协商要报's. */
export const OPINION_PUBLICATION = '社情民意';

/** What an issue's `params` hold: the form and its items in printed order. */
export interface OpinionIssueParams {
  form: 'special' | 'combined';
  opinionIds: number[];
}

/**
 * 《社情民意》 第N期: 专报 (one item) or 综合 (several), compiled by staff from accepted items through
 * `POST /api/v1/opinions/issues` — which marks the items compiled in the same transaction as it makes the
 * draft, so the generic reports request refuses this kind. The text is pre-filled from the items (each a
 * section, its contributors «（…委员反映）» last), edited, signed off and delivered like every issued document.
 */
@Injectable()
export class OpinionIssueKind implements ReportKindDef<'opinion-issue'> {
  readonly kind = 'opinion-issue' as const;
  readonly label = '社情民意';
  readonly subjectType = null;
  readonly roles = ['staff'] as const;
  readonly issued = true;
  readonly ownDelivery =
    '《社情民意》须在本期页面“送达”（POST /api/v1/opinions/issues/:id/deliver）：送达全部领导，并告知编入信息的署名委员';

  constructor(
    private readonly clock: Clock,
    @Inject(ORGANIZATION) private readonly org: Organization,
    @Inject(OPINION_CONFIG) private readonly config: OpinionConfig,
  ) {}

  prepare(): Promise<PreparedReport> {
    return Promise.reject(
      AppError.invalidField(
        'kind',
        '《社情民意》须从采用编报的信息编入（社情民意 → 编入一期，或 POST /api/v1/opinions/issues）',
      ),
    );
  }

  async context(em: EntityManager, report: Report): Promise<OpinionIssueContext> {
    const params = JSON.parse(report.params) as OpinionIssueParams;
    const rows = await em.findBy(Opinion, { id: In(params.opinionIds) });
    const opinions = params.opinionIds.map((id) => rows.find((o) => o.id === id)).filter((o): o is Opinion => !!o);
    const people = await em.find(OpinionContributor, {
      where: { opinionId: In(params.opinionIds) },
      order: { opinionId: 'ASC', position: 'ASC' },
    });
    const memberIds = [...new Set(people.map((p) => p.memberId).filter((id): id is number => id !== null))];
    const names = new Map(
      (memberIds.length ? await em.findBy(Member, { id: In(memberIds) }) : []).map((m) => [m.id, m.name]),
    );
    const now = this.clock.now();
    const r = this.config.issueRecipients;
    return {
      title: report.title,
      formLabel: params.form === 'special' ? '专报' : '综合',
      issueNo: report.issueNo,
      issuingOffice: `${this.org.shortName}办公室`,
      ...documentStamp(report, now),
      printedOn: now,
      lead: [],
      items: opinions.map((o) => {
        const by = reportedBy(
          people
            .filter((p) => p.opinionId === o.id)
            .map((p) =>
              p.memberId !== null
                ? { name: names.get(p.memberId) ?? '', member: true }
                : { name: p.organisationName ?? '', member: false },
            ),
        );
        return { heading: o.title, paragraphs: [...paragraphs(o.content), ...(by ? [by] : [])] };
      }),
      distribution: (['报', '送'] as const).filter((k) => r[k].length).map((k) => ({ label: k, names: r[k] })),
      cc: [],
    };
  }

  draftText(context: OpinionIssueContext): DocumentText {
    return issueText(context);
  }

  applyText(context: OpinionIssueContext, text: DocumentText): OpinionIssueContext {
    return applyIssueText(context, text);
  }
}
