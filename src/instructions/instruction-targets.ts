import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Proposal } from '../proposals/proposal.entities';
import { Report, ReportDelivery } from '../reports/report.entities';
import { InstructionTargetType } from './instruction-workflow';

const reportNotFound = () => AppError.notFound('文稿', 'REPORT_NOT_FOUND');
const proposalNotFound = () => AppError.notFound('提案', 'PROPOSAL_NOT_FOUND');

/**
 * What a 批示 may be on, and who may see it there. A document: once delivered to leaders (an issued one after
 * 签发 — delivery needs it); a leader only on one delivered to them. A proposal: a key one 重点提案. Read from the
 * reports' and proposals' own tables, by the same rules their services apply.
 */
@Injectable()
export class InstructionTargets {
  /** The title of the target `actor` may record a 批示 on, or why not (404, 403, 409). */
  async forRecording(em: EntityManager, actor: Actor, type: InstructionTargetType, id: number): Promise<string> {
    if (type === 'proposal') {
      const p = await em.findOneBy(Proposal, { id });
      if (!p || p.status === 'draft') throw proposalNotFound();
      if (!p.isKey) throw AppError.conflict('NOT_KEY_PROPOSAL', '只能对重点提案记录领导批示');
      return p.title;
    }
    const r = await em.findOneBy(Report, { id });
    if (!r) throw reportNotFound();
    const deliveries = await em.findBy(ReportDelivery, { reportId: id });
    if (hasRole(actor, 'staff')) {
      if (!deliveries.length)
        throw AppError.conflict(
          'REPORT_NOT_DELIVERED',
          r.stage === 'draft' || r.stage === 'submitted'
            ? '该文稿尚未签发送达，送达领导后才能记录批示'
            : '该文稿尚未送达领导，送达后才能记录批示',
        );
      return r.title;
    }
    if (deliveries.some((d) => d.userId === actor.id)) return r.title;
    if (await this.reportReadable(em, actor, r)) throw AppError.forbidden('只能对送达给您的文稿作出批示');
    throw reportNotFound();
  }

  /** The target's title for a reader of its 批示 (staff, leaders), or 404. */
  async forReading(em: EntityManager, actor: Actor, type: InstructionTargetType, id: number): Promise<string> {
    if (type === 'proposal') {
      const p = await em.findOneBy(Proposal, { id });
      if (!p || p.status === 'draft') throw proposalNotFound();
      return p.title;
    }
    const r = await em.findOneBy(Report, { id });
    if (!r || !(await this.reportReadable(em, actor, r))) throw reportNotFound();
    return r.title;
  }

  /** As ReportsService.readable: staff, the requester, leaders on documents submitted or signed, the recipients. */
  private async reportReadable(em: EntityManager, actor: Actor, r: Report): Promise<boolean> {
    if (hasRole(actor, 'staff') || r.requestedByUserId === actor.id) return true;
    if (hasRole(actor, 'leader') && (r.stage === 'submitted' || r.stage === 'signed')) return true;
    return em.existsBy(ReportDelivery, { reportId: r.id, userId: actor.id });
  }
}
