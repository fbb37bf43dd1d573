import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { Proposal, ProposalSigner } from './proposal.entities';

/** What a module that takes converted proposals in (社情民意) is handed, inside the review's transaction. */
export interface ConvertedProposal {
  proposal: Proposal;
  /** 领衔人 first, then the confirmed 附议人 and merged-in proposers, in the order they joined. */
  signers: ProposalSigner[];
}

export type ConversionHandler = (em: EntityManager, actor: Actor, converted: ConvertedProposal) => Promise<void>;

/**
 * 转为社情民意: the proposal review announces each conversion here, in its own transaction, and whoever
 * takes converted proposals in (the opinions module, registered at start-up) writes its record there. The
 * proposals module names no module above or beside it, so the two journeys import one way only.
 */
@Injectable()
export class ProposalConversions {
  private readonly handlers: ConversionHandler[] = [];

  register(handler: ConversionHandler): void {
    this.handlers.push(handler);
  }

  async converted(em: EntityManager, actor: Actor, proposal: Proposal): Promise<void> {
    if (!this.handlers.length) return;
    const all = await em.find(ProposalSigner, { where: { proposalId: proposal.id }, order: { id: 'ASC' } });
    const confirmed = all.filter((s) => s.status === 'confirmed');
    const signers = [...confirmed.filter((s) => s.role === 'lead'), ...confirmed.filter((s) => s.role !== 'lead')];
    for (const handler of this.handlers) await handler(em, actor, { proposal, signers });
  }
}
