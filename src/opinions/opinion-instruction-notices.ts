import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { chineseDate } from '../common/chinese-dates';
import { InstructionEvent, InstructionEvents } from '../instructions/instruction-events';
import { OpinionStore } from './opinion-store';
import { Opinion } from './opinion.entities';

const short = (text: string, max = 60) => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text);

/**
 * Every outcome is told to the contributors: a 领导批示 on an issue of 《社情民意》, and each of its 交办事项 carried
 * out, reach the contributors of every item in that issue (a 综合 item's carry every source's signers). Registered
 * with the instructions' `InstructionEvents` at start-up, so it runs in the 批示's own transaction.
 */
@Injectable()
export class OpinionInstructionNotices implements OnModuleInit {
  constructor(
    private readonly events: InstructionEvents,
    private readonly store: OpinionStore,
  ) {}

  onModuleInit(): void {
    this.events.register((em, actor, event) => this.tell(em, actor, event));
  }

  private async tell(em: EntityManager, actor: Actor, event: InstructionEvent): Promise<void> {
    const i = event.instruction;
    if (i.targetType !== 'report') return;
    const items = await em.find(Opinion, { where: { issueReportId: i.targetId }, order: { id: 'ASC' } });
    // A calendar day reads the same in every zone (chineseDate keeps `YYYY-MM-DD` as that day).
    const note =
      event.kind === 'recorded'
        ? `${i.leaderName}（${i.leaderLevel}）${chineseDate(i.instructedOn, 'UTC')}批示：${short(i.text)}`
        : `${event.unitName}：${short(event.item.progress ?? event.item.task)}`;
    const occasion = event.kind === 'recorded' ? `instruction-${i.id}` : `instruction-item-${event.item.id}`;
    const eventName = event.kind === 'recorded' ? 'instructed' : 'instruction_done';
    for (const o of items) await this.store.announce(em, o, eventName, note, actor.id, occasion);
  }
}
