import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { toActor } from '../auth/user-view';
import { User } from '../auth/user.entity';
import { UsersService } from '../auth/users.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { Clock } from '../common/clock';
import { Committee, CouncilSession, Member, Sector, Unit } from '../directory/directory.entities';
import { CommitmentsService } from '../proposals/commitments.service';
import { ProposalHandlingService } from '../proposals/proposal-handling.service';
import { ProposalReviewService } from '../proposals/proposal-review.service';
import { Proposal, ProposalExtension } from '../proposals/proposal.entities';
import { PROPOSAL_CONFIG, ProposalConfig } from '../proposals/proposals.config';
import { ProposalsService } from '../proposals/proposals.service';
import { DEMO_PASSWORD, DEMO_UNITS } from './demo-data';
import {
  coOpinionText,
  communicationText,
  DEMO_ACTING_MEMBERS,
  DEMO_ACTING_UNITS,
  DEMO_LETTER_PREFIXES,
  DEMO_PROPOSALS,
  DemoProposal,
  DemoStep,
  DemoTextContext,
  evaluationText,
  replyText,
} from './demo-proposals';
import { generateProposal, ProposalText, rephrase } from './proposal-text';

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/** A step of one history, or its drafting (`create`). */
type Event = { spec: DemoProposal; step: DemoStep | { day: number; do: 'create' } };

/**
 * Plays the demo proposals (demo-proposals.ts) through ProposalsService, ProposalReviewService and
 * ProposalHandlingService — numbering, audit trail, text index and checks as for real ones — each
 * step with the Clock at its day. Loads only into the demo directory (its `staff` account and
 * member 张文华 present) while there is no proposal at all, so loading again adds nothing.
 */
@Injectable()
export class DemoProposalLoader {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly proposals: ProposalsService,
    private readonly review: ProposalReviewService,
    private readonly handling: ProposalHandlingService,
    private readonly commitments: CommitmentsService,
    @Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig,
  ) {}

  async loadIfNone(): Promise<boolean> {
    if ((await this.ds.getRepository(Proposal).count()) > 0) return false;
    if (
      !(await this.ds.getRepository(User).existsBy({ username: 'staff' })) ||
      !(await this.ds.getRepository(Member).existsBy({ name: '张文华' }))
    )
      return false;
    await this.ensureActingAccounts();
    const play = new Playback(await this.cast());
    const now = this.clock.now();
    for (const { event, at } of timeline(now)) await this.clock.runAt(at, () => play.step(event, at));
    this.logger.log(`已载入演示提案 ${DEMO_PROPOSALS.length} 件`);
    return true;
  }

  /** The proposers and units of the histories sign in like everyone else (the same demo password). */
  private async ensureActingAccounts(): Promise<void> {
    const have = new Set(
      (await this.ds.getRepository(User).find({ select: { username: true } })).map((u) => u.username),
    );
    const memberIds = await this.idsByName(
      Member,
      DEMO_ACTING_MEMBERS.map((a) => a.member),
    );
    const unitIds = await this.idsByName(
      Unit,
      DEMO_ACTING_UNITS.map((a) => a.unit),
    );
    for (const a of DEMO_ACTING_MEMBERS) {
      if (!have.has(a.username))
        await this.users.create(SYSTEM_ACTOR, {
          username: a.username,
          password: DEMO_PASSWORD,
          displayName: a.member,
          roles: ['member'],
          memberId: need(memberIds, a.member),
        });
    }
    for (const a of DEMO_ACTING_UNITS) {
      const contact = DEMO_UNITS.find((u) => u.name === a.unit)?.contactName;
      const displayName = contact ? `${contact}（${a.unit}）` : a.unit;
      if (!have.has(a.username))
        await this.users.create(SYSTEM_ACTOR, {
          username: a.username,
          password: DEMO_PASSWORD,
          displayName,
          roles: ['unit'],
          unitId: need(unitIds, a.unit),
        });
    }
  }

  /** Who acts, and the ids the histories refer to by name. */
  private async cast(): Promise<Cast> {
    const users = await this.ds.getRepository(User).find({ where: { disabled: false } });
    const byUsername = new Map(users.map((u) => [u.username, toActor(u)]));
    const members = await this.ds.getRepository(Member).find({ select: { id: true, name: true } });
    const units = await this.ds.getRepository(Unit).find({ select: { id: true, name: true } });
    const memberIdByName = new Map(members.map((m) => [m.name, m.id]));
    const unitIdByName = new Map(units.map((u) => [u.name, u.id]));
    const actorOf = (pick: (a: Actor) => boolean) => users.map(toActor).find(pick);
    return {
      staff: need(byUsername, 'staff'),
      leader: need(byUsername, 'leader'),
      member: (name) => {
        const id = need(memberIdByName, name);
        return actorOfOrFail(
          actorOf((a) => a.memberId === id && a.roles.includes('member')),
          name,
        );
      },
      unit: (name) => {
        const id = need(unitIdByName, name);
        return actorOfOrFail(
          actorOf((a) => a.unitId === id && a.roles.includes('unit')),
          name,
        );
      },
      memberId: (name) => need(memberIdByName, name),
      unitId: (name) => need(unitIdByName, name),
      sessionId: lookup(await this.ds.getRepository(CouncilSession).find(), (s) => s.code),
      sectorId: lookup(await this.ds.getRepository(Sector).find(), (s) => s.name),
      committeeId: lookup(await this.ds.getRepository(Committee).find(), (s) => s.name),
      category: (label) => this.config.categories.find((c) => c.label === label)?.code ?? 'other',
      pendingExtension: async (proposalId) =>
        (await this.ds.getRepository(ProposalExtension).findOneByOrFail({ proposalId, status: 'pending' })).id,
      services: {
        proposals: this.proposals,
        review: this.review,
        handling: this.handling,
        commitments: this.commitments,
      },
    };
  }

  private async idsByName(entity: typeof Member | typeof Unit, names: string[]): Promise<Map<string, number>> {
    const rows = await this.ds
      .getRepository(entity)
      .find({ where: { name: In(names) }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.name, r.id]));
  }
}

interface Cast {
  staff: Actor;
  leader: Actor;
  member: (name: string) => Actor;
  unit: (name: string) => Actor;
  memberId: (name: string) => number;
  unitId: (name: string) => number;
  sessionId: (code: string) => number;
  sectorId: (name: string) => number;
  committeeId: (name: string) => number;
  category: (label: string) => string;
  pendingExtension: (proposalId: number) => Promise<number>;
  services: {
    proposals: ProposalsService;
    review: ProposalReviewService;
    handling: ProposalHandlingService;
    commitments: CommitmentsService;
  };
}

/**
 * Every history's drafting and steps in date order, oldest first (a history's own order kept on a
 * day), each at its day from a working hour of Beijing time that varies by day (workingMinute), minutes apart, and never later than an hour ago.
 */
export function timeline(now: Date): Array<{ event: Event; at: Date }> {
  const events: Event[] = DEMO_PROPOSALS.flatMap((spec) => [
    { spec, step: { day: spec.filed, do: 'create' as const } },
    ...spec.steps.map((step) => ({ spec, step })),
  ]);
  const order = events.map((e, i) => ({ e, i })).sort((a, b) => b.e.step.day - a.e.step.day || a.i - b.i);
  const onDay = new Map<number, number>();
  return order.map(({ e }) => {
    const k = onDay.get(e.step.day) ?? 0;
    onDay.set(e.step.day, k + 1);
    return { event: e, at: demoInstant(now, e.step.day, workingMinute(e.step.day) + k * 7) };
  });
}

/** The Shanghai day `days` after `at` (`2026-06-30`). */
const dayOf = (at: Date, days: number): string =>
  new Date(at.getTime() + SHANGHAI_MS + days * DAY_MS).toISOString().slice(0, 10);

/** `days` before `now` at `minutes` past midnight Beijing time, never later than an hour before `now` (a negative `days` is ahead, unclamped: a meeting to come). */
export function demoInstant(now: Date, days: number, minutes: number): Date {
  const day = Math.floor((now.getTime() + SHANGHAI_MS) / DAY_MS) - days;
  const at = day * DAY_MS - SHANGHAI_MS + minutes * 60_000;
  return new Date(days < 0 ? at : Math.min(at, now.getTime() - 3_600_000));
}

/** The proposals of one loading, by key, and the step texts' numbering. */
class Playback {
  private readonly ids = new Map<string, number>();
  private readonly letters = new Map<string, number>();

  constructor(private readonly c: Cast) {}

  async step({ spec, step }: Event, at: Date): Promise<void> {
    const { proposals, review, handling, commitments } = this.c.services;
    if (step.do === 'create') {
      this.ids.set(spec.key, (await proposals.create(this.proposer(spec), this.draft(spec))).id);
      return;
    }
    const id = need(this.ids, spec.key);
    const text = (unit: string): DemoTextContext => ({
      subject: spec.topic,
      title: textOf(spec).title,
      unit,
      proposer: spec.group?.name ?? `${spec.lead}委员`,
    });
    switch (step.do) {
      case 'submit':
        return void (await proposals.submit(this.proposer(spec), id, {}));
      case 'withdraw':
        return void (await proposals.withdraw(this.proposer(spec), id, {}));
      case 'cosign':
        return void (await proposals.cosign(this.c.member(step.member), id, {}));
      case 'accept':
        return void (await review.review(this.c.staff, id, { decision: 'accept' }));
      case 'reject':
        return void (await review.review(this.c.staff, id, {
          decision: 'reject',
          ground: step.ground,
          reason: step.reason,
        }));
      case 'convert':
        return void (await review.review(this.c.staff, id, { decision: 'convert', reason: step.reason }));
      case 'merge':
        return void (await review.review(this.c.staff, id, {
          decision: 'merge',
          mergeIntoId: need(this.ids, step.into),
          reason: step.reason,
        }));
      case 'assign':
        return void (await review.assign(
          this.c.staff,
          id,
          step.split
            ? { unitIds: step.split.map(this.c.unitId) }
            : { leadUnitId: this.c.unitId(step.lead!), coUnitIds: (step.co ?? []).map(this.c.unitId) },
        ));
      case 'key':
        return void (await review.markKey(this.c.leader, id, {}));
      case 'excellent':
        return void (await review.markExcellent(this.c.staff, id, { excellent: true }));
      case 'decideExtension':
        return void (await review.decideExtension(this.c.staff, id, await this.c.pendingExtension(id), {
          approve: step.approve,
          comment: step.comment,
        }));
      case 'return':
        return void (await handling.returnProposal(this.c.unit(step.unit), id, { reason: step.reason }));
      case 'communicate':
        return void (await handling.communicate(this.c.unit(step.unit), id, {
          mode: step.mode,
          summary: step.summary ?? communicationText(step.mode, text(step.unit)),
        }));
      case 'coOpinion':
        return void (await handling.coOpinion(this.c.unit(step.unit), id, {
          content: step.content ?? coOpinionText(text(step.unit)),
        }));
      case 'extension':
        return void (await handling.requestExtension(this.c.unit(step.unit), id, {
          months: step.months,
          reason: step.reason,
        }));
      case 'reply': {
        const contact = DEMO_UNITS.find((u) => u.name === step.unit);
        return void (await handling.reply(this.c.unit(step.unit), id, {
          classification: step.classification,
          content: step.content ?? replyText(step.classification, text(step.unit)),
          public: true,
          letterNo: this.letterNo(step.unit, at),
          signer: null,
          contact: contact ? `${contact.contactName} ${contact.contactPhone}` : null,
          commitments: step.commitments?.map((c) => ({ text: c.text, dueDate: dayOf(at, step.day - c.due) })),
        }));
      }
      case 'reportCommitment':
        return void (await commitments.report(this.c.unit(step.unit), await this.commitmentId(id, step.position), {
          text: step.text,
          doneDate: dayOf(at, step.day - step.done),
        }));
      case 'judgeCommitment':
        return void (await commitments.verdict(this.proposer(spec), await this.commitmentId(id, step.position), {
          kept: step.kept,
          comment: step.comment ?? null,
        }));
      case 'evaluate':
        return void (await handling.evaluate(this.proposer(spec), id, {
          rating: step.rating,
          attitude: step.attitude,
          contact: 'visit',
          comment: step.comment ?? evaluationText(step.rating),
        }));
    }
  }

  /** The id of the commitment numbered `position` among a proposal's (as its staff read them). */
  private async commitmentId(proposalId: number, position: number): Promise<number> {
    const all = await this.c.services.commitments.forProposal(this.c.staff, proposalId);
    const found = all.find((c) => c.position === position);
    if (!found) throw new Error(`演示数据引用了不存在的第 ${position} 项承诺事项`);
    return found.id;
  }

  /** The lead member, or the office for a group proposal. */
  private proposer(spec: DemoProposal): Actor {
    return spec.group ? this.c.staff : this.c.member(spec.lead!);
  }

  private draft(spec: DemoProposal) {
    const t = textOf(spec);
    const g = spec.group;
    return {
      sessionId: this.c.sessionId(spec.session),
      kind: g?.kind ?? (spec.coSigners?.length ? ('joint' as const) : ('individual' as const)),
      title: t.title,
      category: this.c.category(t.category),
      background: t.background,
      suggestions: t.suggestions,
      coSignerMemberIds: spec.coSigners?.map(this.c.memberId),
      agreeToPublish: true,
      sectorId: g?.sector ? this.c.sectorId(g.sector) : undefined,
      committeeId: g?.committee ? this.c.committeeId(g.committee) : undefined,
      groupName: g?.name,
    };
  }

  /** 吴资规函〔2026〕3号: numbered per unit and year, in the order of the replies. */
  private letterNo(unit: string, at: Date): string | null {
    const prefix = DEMO_LETTER_PREFIXES[unit];
    if (!prefix) return null;
    const year = new Date(at.getTime() + SHANGHAI_MS).getUTCFullYear();
    const n = (this.letters.get(`${unit}${year}`) ?? 0) + 1;
    this.letters.set(`${unit}${year}`, n);
    return `${prefix}〔${year}〕${n}号`;
  }
}

/** The text of a demo proposal: generated from its topic and seed, or another's rephrased. */
export function textOf(spec: DemoProposal): ProposalText {
  if (!spec.rephraseOf) return generateProposal(spec.seed, spec.topic);
  return rephrase(textOf(need(new Map(DEMO_PROPOSALS.map((p) => [p.key, p])), spec.rephraseOf)), spec.seed);
}

function need<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`演示数据引用了不存在的“${String(key)}”`);
  return value;
}

function lookup<T extends { id: number }>(rows: T[], nameOf: (row: T) => string): (name: string) => number {
  const ids = new Map(rows.map((r) => [nameOf(r), r.id]));
  return (name) => need(ids, name);
}

function actorOfOrFail(actor: Actor | undefined, name: string): Actor {
  if (!actor) throw new Error(`演示数据中“${name}”没有账号`);
  return actor;
}

/** When the day's steps begin: between 08:40 and 14:40, varying from day to day, so the stories do not all start at one hour. */
export function workingMinute(day: number): number {
  return 8 * 60 + 40 + ((((day * 97) % 360) + 360) % 360);
}
