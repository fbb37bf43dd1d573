import type { Notice } from '../notifications/notifications.service';

/*
 * Who hears of a 批示's 交办事项, and in which words (pure, as topic-notices.ts): the unit when an item is handed
 * to it or returned, staff when a unit reports, both when an item runs past its due day, staff when a leader
 * records a 批示 in the system. `InstructionNotifier` finds the accounts and writes them in the step's transaction.
 */

/** unit: the accounts of the item's unit; staff: every staff account. */
export type InstructionAudience = 'unit' | 'staff';

export interface ItemRef {
  id: number;
  task: string;
  dueOn: string;
  version: number;
  returnNote?: string | null;
}

export interface InstructionRef {
  id: number;
  leaderName: string;
  leaderLevel: string;
  targetTitle: string;
  link: string;
}

export type InstructionOccasion =
  | { kind: 'recorded' }
  | { kind: 'assigned'; item: ItemRef }
  | { kind: 'returned'; item: ItemRef }
  | { kind: 'reported'; item: ItemRef; unitName: string }
  | { kind: 'overdue'; item: ItemRef };

const short = (text: string, max = 40) => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text);

/** `2027-01-31` → 2027年1月31日 */
export const dayText = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The unit's page of its items; staff go to the document or proposal the 批示 is on. */
export const UNIT_ITEMS_PAGE = '/instructions/items';

export function instructionNotices(i: InstructionRef, o: InstructionOccasion): Notice<InstructionAudience>[] {
  const who = `${i.leaderName}（${i.leaderLevel}）`;
  switch (o.kind) {
    case 'recorded':
      return [
        {
          to: 'staff',
          message: {
            kind: 'instruction.recorded',
            title: `领导批示：${short(i.targetTitle, 30)}`,
            body: `${who}对《${i.targetTitle}》作出批示，请研究交办。`,
            link: i.link,
            dedupeKey: `instruction:${i.id}:recorded`,
          },
        },
      ];
    case 'assigned':
      return [
        {
          to: 'unit',
          message: {
            kind: 'instruction.assigned',
            title: `领导批示交办事项：${short(o.item.task, 30)}`,
            body: `根据${who}对《${i.targetTitle}》的批示，交办贵单位：${o.item.task}。办理期限为${dayText(o.item.dueOn)}，请按期报告办理情况。`,
            link: UNIT_ITEMS_PAGE,
            dedupeKey: `instruction-item:${o.item.id}:assigned`,
          },
        },
      ];
    case 'returned':
      return [
        {
          to: 'unit',
          message: {
            kind: 'instruction.returned',
            title: `交办事项被退回：${short(o.item.task, 30)}`,
            body: `交办事项“${short(o.item.task)}”的办理情况被退回：${o.item.returnNote ?? ''}。请补充办理后重新报告。`,
            link: UNIT_ITEMS_PAGE,
            dedupeKey: `instruction-item:${o.item.id}:returned:${o.item.version}`,
          },
        },
      ];
    case 'reported':
      return [
        {
          to: 'staff',
          message: {
            kind: 'instruction.reported',
            title: `交办事项已报告：${short(o.item.task, 30)}`,
            body: `${o.unitName}报告了${who}批示交办事项“${short(o.item.task)}”的办理情况，请确认办结或退回。`,
            link: i.link,
            dedupeKey: `instruction-item:${o.item.id}:reported:${o.item.version}`,
          },
        },
      ];
    case 'overdue': {
      const message = {
        kind: 'instruction.overdue',
        title: `批示交办事项超期：${short(o.item.task, 30)}`,
        body: `${who}批示交办事项“${short(o.item.task)}”的办理期限为${dayText(o.item.dueOn)}，现已超期，请抓紧办理并报告。`,
        dedupeKey: `instruction-item:${o.item.id}:overdue`,
      };
      return [
        { to: 'unit', message: { ...message, link: UNIT_ITEMS_PAGE } },
        { to: 'staff', message: { ...message, link: i.link } },
      ];
    }
  }
}
