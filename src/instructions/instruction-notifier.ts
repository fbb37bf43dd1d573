import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { InstructionAudience, InstructionOccasion, instructionNotices } from './instruction-notices';
import { Instruction } from './instruction.entities';

/** The page a 批示 is shown on: its document's or its proposal's. */
export const targetLink = (i: Pick<Instruction, 'targetType' | 'targetId'>): string =>
  i.targetType === 'report' ? `/reports/${i.targetId}` : `/proposals/${i.targetId}`;

/** Writes the notices of `instruction-notices.ts` to the accounts of their audiences, in the step's transaction. */
@Injectable()
export class InstructionNotifier {
  constructor(private readonly notifications: NotificationsService) {}

  /** `unitId`: the item's unit (the `unit` audience); `exceptUserId`: whoever took the step. */
  send(
    em: EntityManager,
    i: Instruction,
    occasion: InstructionOccasion,
    unitId: number | null,
    exceptUserId: number | null,
  ): Promise<number> {
    const ref = { ...i, link: targetLink(i) };
    return this.notifications.deliver(
      em,
      instructionNotices(ref, occasion),
      (to: InstructionAudience) =>
        to === 'staff'
          ? this.notifications.staffUsers(em)
          : unitId === null
            ? Promise.resolve([])
            : this.notifications.usersOfUnit(em, unitId),
      exceptUserId,
    );
  }
}
