import { Account, account } from './accounts';
import { api } from './api';
import { TestApp } from './test-app';

let n = 0;
const uniq = (prefix: string) => `${prefix}${process.pid % 1000}v${++n}`;

/** A visit body: a research visit of `committeeId` with two stops, from `startsAt` to `endsAt` (default 18 June 2026, 08:30–12:00 Beijing time). */
export function visitBody(committeeId: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'research',
    title: uniq('家政服务业发展情况专题调研'),
    purpose: '了解我市家政服务业发展现状、培训和诚信体系建设情况，提出推动提质扩容的意见建议。',
    organizer: { type: 'committee', id: committeeId },
    startsAt: '2026-06-18T08:30:00+08:00',
    endsAt: '2026-06-18T12:00:00+08:00',
    stops: [
      {
        at: '2026-06-18T08:30:00+08:00',
        place: '大武口区家政龙头企业',
        contact: '王经理 0952-2012345',
        purpose: '了解家政服务员培训和持证上岗情况',
      },
      {
        at: '2026-06-18T10:30:00+08:00',
        place: '石嘴山市家政服务行业协会',
        contact: '李会长',
        purpose: '座谈：行业标准与诚信体系建设',
      },
    ],
    participantMemberIds: [],
    ...extra,
  };
}

export interface VisitCast {
  staff: Account;
  staff2: Account;
  leader: Account;
  m1: Account;
  m2: Account;
  m3: Account;
  outsider: Account;
  unit: Account;
  committeeId: number;
}

export async function visitCast(t: TestApp): Promise<VisitCast> {
  return {
    staff: await account(t, 'staff'),
    staff2: await account(t, 'staff'),
    leader: await account(t, 'leader'),
    m1: await account(t, 'member'),
    m2: await account(t, 'member'),
    m3: await account(t, 'member'),
    outsider: await account(t, 'member'),
    unit: await account(t, 'unit'),
    committeeId: (await t.make.committee()).id,
  };
}

/** A visit created by `staff` with `body`: its view. */
export const createVisit = (t: TestApp, staff: Account, body: Record<string, unknown>) =>
  api(t, staff, 'post', '/visits', body, 201);
