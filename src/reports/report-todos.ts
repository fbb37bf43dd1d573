import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { NO_TALLY, Tally, tallyOf } from '../database/tally';
import { Report, ReportDelivery } from './report.entities';

/**
 * What waits on a person among the office's documents, for the 待办 of their home page: documents put up for
 * 签发 (staff and leaders read every one, as the report list shows them), signed ones not yet delivered (staff),
 * and a leader's unread 收文.
 */
@Injectable()
export class ReportTodos {
  constructor(private readonly ds: DataSource) {}

  /** 待签发: submitted for sign-off, not yet signed or returned (oldest: the request). */
  awaitingSignoff(actor: Actor): Promise<Tally> {
    if (!hasRole(actor, 'staff', 'leader')) return Promise.resolve(NO_TALLY);
    const qb = this.ds.getRepository(Report).createQueryBuilder('r').where("r.stage = 'submitted'");
    return tallyOf(qb, 'r.requestedAt');
  }

  /** 已签发未送达: signed documents no leader has been sent yet (oldest: the signature). */
  signedUndelivered(actor: Actor): Promise<Tally> {
    if (!hasRole(actor, 'staff')) return Promise.resolve(NO_TALLY);
    const qb = this.ds.getRepository(Report).createQueryBuilder('r').where("r.stage = 'signed'");
    const delivered = qb.subQuery().select('1').from(ReportDelivery, 'rd').where('rd.reportId = r.id').getQuery();
    return tallyOf(qb.andWhere(`NOT EXISTS ${delivered}`), 'r.signedAt');
  }

  /** 未读收文: documents delivered to the person and not yet opened (oldest: the delivery). */
  unreadInbox(actor: Actor): Promise<Tally> {
    const qb = this.ds
      .getRepository(ReportDelivery)
      .createQueryBuilder('d')
      .where('d.userId = :me AND d.readAt IS NULL', { me: actor.id });
    return tallyOf(qb, 'd.deliveredAt');
  }
}
