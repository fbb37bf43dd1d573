import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { YearRange } from '../../common/time-zone';
import { Instruction } from '../../instructions/instruction.entities';
import { OpinionAdoption } from '../../opinions/opinion-adoption.entity';
import { ADOPTION_LEVELS, AdoptionLevel, AdoptionTier, NOT_ADOPTABLE } from '../../opinions/opinion-outcomes';
import { Opinion, OpinionContributor } from '../../opinions/opinion.entities';
import type { RuleKey } from '../record-rules';
import { addCounts, Counters, RecordEvent, RecordSource } from '../record-source';

const TIER_KEYS: Record<AdoptionTier, RuleKey> = {
  national: 'opinionAdoptedNational',
  provincial: 'opinionAdoptedProvincial',
  city: 'opinionAdoptedCity',
  other: 'opinionAdoptedOther',
};

export const OPINION_COUNTERS = [
  'opinionSubmitted',
  'opinionAccepted',
  ...Object.values(TIER_KEYS),
  'opinionInstructed',
] as const;

/** The year's days as `adoptedOn` strings compare: 1 January to 1 January of the next year. */
const dayRange = (range: YearRange) => ({ fromDay: `${range.year}-01-01`, toDay: `${range.year + 1}-01-01` });

/**
 * 社情民意信息 in a duty record: every contributing member of an item earns its points. 报送 in the year it was
 * submitted (drafts never), 采用编报 in the year it was reviewed (items accepted, and anything later), and
 * each 采用 by an upper body in the year of its day, by the tier of its level (config/opinions.json). A 综合
 * item's contributors (rows carrying `sourceOpinionId`) earned 报送 and 编报 with their own items, so only its
 * 采用 count for them. Groups and organisations have no member and count for no one. A 领导批示 on an issue
 * (第N期, a report each item points to by `issueReportId`) counts `opinionInstructed` for every member of every
 * item in it — once per 批示 and item, in the year of the 批示's day, as a 采用 counts once per 采用 (two leaders'
 * 批示 are two outcomes; a member who signed two items of the issue has two items instructed).
 */
@Injectable()
export class OpinionRecordSource implements RecordSource {
  readonly name = 'opinions';

  constructor(
    private readonly ds: DataSource,
    @Inject(ADOPTION_LEVELS) private readonly levels: AdoptionLevel[],
  ) {}

  private tierOf(level: string): AdoptionTier {
    return this.levels.find((l) => l.code === level)?.tier ?? 'other';
  }

  private codes(tier: AdoptionTier): string[] {
    const codes = this.levels.filter((l) => l.tier === tier).map((l) => l.code);
    return codes.length ? codes : ['-'];
  }

  async events(memberId: number, range: YearRange): Promise<RecordEvent[]> {
    const own = await this.ds
      .getRepository(OpinionContributor)
      .createQueryBuilder('c')
      .select('c.opinionId', 'opinionId')
      .addSelect('c.sourceOpinionId', 'sourceOpinionId')
      .where('c.memberId = :memberId', { memberId })
      .getRawMany<{ opinionId: number | string; sourceOpinionId: number | string | null }>();
    if (!own.length) return [];
    const ids = [...new Set(own.map((r) => Number(r.opinionId)))];
    const direct = new Set(own.filter((r) => r.sourceOpinionId === null).map((r) => Number(r.opinionId)));
    const [opinions, adoptions] = await Promise.all([
      this.ds.getRepository(Opinion).find({
        where: { id: In(ids) },
        select: { id: true, title: true, status: true, submittedAt: true, reviewedAt: true, issueReportId: true },
      }),
      this.ds.getRepository(OpinionAdoption).find({ where: { opinionId: In(ids) }, order: { adoptedOn: 'ASC' } }),
    ]);
    const issueIds = [...new Set(opinions.map((o) => o.issueReportId).filter((id): id is number => id !== null))];
    const instructions = issueIds.length
      ? await this.ds.getRepository(Instruction).find({
          where: { targetType: 'report', targetId: In(issueIds) },
          order: { instructedOn: 'ASC', id: 'ASC' },
        })
      : [];
    const within = (d: Date | null) => d !== null && d >= range.from && d < range.to;
    const { fromDay, toDay } = dayRange(range);
    const byId = new Map(opinions.map((o) => [o.id, o]));
    const out: RecordEvent[] = [];
    for (const o of opinions) {
      if (!direct.has(o.id) || o.status === 'draft') continue;
      const source = (at: Date | null) => ({ type: 'opinion' as const, id: o.id, title: o.title, at });
      if (within(o.submittedAt))
        out.push({ kind: 'opinionSubmitted', label: `报送社情民意信息《${o.title}》`, source: source(o.submittedAt) });
      if (!NOT_ADOPTABLE.includes(o.status) && within(o.reviewedAt))
        out.push({
          kind: 'opinionAccepted',
          label: `社情民意信息《${o.title}》采用编报`,
          source: source(o.reviewedAt),
        });
    }
    for (const a of adoptions) {
      if (a.adoptedOn < fromDay || a.adoptedOn >= toDay) continue;
      const o = byId.get(a.opinionId)!;
      const level = this.levels.find((l) => l.code === a.level)?.label ?? a.level;
      out.push({
        kind: TIER_KEYS[this.tierOf(a.level)],
        label: `社情民意信息《${o.title}》被${level}采用（${a.issueText}）`,
        source: { type: 'opinion', id: o.id, title: o.title, at: new Date(`${a.adoptedOn}T00:00:00+08:00`) },
      });
    }
    for (const i of instructions) {
      if (i.instructedOn < fromDay || i.instructedOn >= toDay) continue;
      for (const o of opinions.filter((x) => x.issueReportId === i.targetId))
        out.push({
          kind: 'opinionInstructed',
          label: `社情民意信息《${o.title}》所在《${i.targetTitle}》获${i.leaderLevel}${i.leaderName}批示`,
          source: { type: 'opinion', id: o.id, title: o.title, at: new Date(`${i.instructedOn}T00:00:00+08:00`) },
        });
    }
    return out;
  }

  async counts(range: YearRange, _rules: unknown, memberIds: number[] | null): Promise<Map<number, Counters>> {
    const sum = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
    const members = (qb: { andWhere: (w: string, p: object) => unknown }) => {
      if (memberIds) qb.andWhere('c.memberId IN (:...memberIds)', { memberIds: memberIds.length ? memberIds : [0] });
    };
    const filed = this.ds
      .getRepository(OpinionContributor)
      .createQueryBuilder('c')
      .innerJoin(Opinion, 'o', 'o.id = c.opinionId')
      .select('c.memberId', 'memberId')
      .addSelect(sum('o.submittedAt >= :from AND o.submittedAt < :to'), 'opinionSubmitted')
      .addSelect(
        sum('o.status NOT IN (:...notAccepted) AND o.reviewedAt >= :from AND o.reviewedAt < :to'),
        'opinionAccepted',
      )
      .where('c.memberId IS NOT NULL AND c.sourceOpinionId IS NULL')
      .andWhere("o.status <> 'draft'")
      .setParameters({ from: range.from, to: range.to, notAccepted: NOT_ADOPTABLE })
      .groupBy('c.memberId');
    members(filed);
    const { fromDay, toDay } = dayRange(range);
    // One 采用 counts once for a member, even if they signed two of the items merged into one 综合 item.
    const adopted = this.ds
      .getRepository(OpinionAdoption)
      .createQueryBuilder('a')
      .innerJoin(
        (sub) =>
          sub
            .select('c.opinionId', 'opinionId')
            .addSelect('c.memberId', 'memberId')
            .distinct(true)
            .from(OpinionContributor, 'c')
            .where('c.memberId IS NOT NULL'),
        'm',
        'm.opinionId = a.opinionId',
      )
      .select('m.memberId', 'memberId')
      .where('a.adoptedOn >= :fromDay AND a.adoptedOn < :toDay', { fromDay, toDay })
      .groupBy('m.memberId');
    for (const [tier, key] of Object.entries(TIER_KEYS) as Array<[AdoptionTier, RuleKey]>)
      adopted.addSelect(sum(`a.level IN (:...${tier}Codes)`), key).setParameter(`${tier}Codes`, this.codes(tier));
    if (memberIds) adopted.andWhere('m.memberId IN (:...memberIds)', { memberIds: memberIds.length ? memberIds : [0] });
    // Each 批示 on an issue, for each item in it, once per member of the item.
    const instructed = this.ds
      .getRepository(Instruction)
      .createQueryBuilder('i')
      .innerJoin(Opinion, 'o', "i.targetType = 'report' AND o.issueReportId = i.targetId")
      .innerJoin(
        (sub) =>
          sub
            .select('c.opinionId', 'opinionId')
            .addSelect('c.memberId', 'memberId')
            .distinct(true)
            .from(OpinionContributor, 'c')
            .where('c.memberId IS NOT NULL'),
        'm',
        'm.opinionId = o.id',
      )
      .select('m.memberId', 'memberId')
      .addSelect('COUNT(*)', 'opinionInstructed')
      .where('i.instructedOn >= :fromDay AND i.instructedOn < :toDay', { fromDay, toDay })
      .groupBy('m.memberId');
    if (memberIds)
      instructed.andWhere('m.memberId IN (:...memberIds)', { memberIds: memberIds.length ? memberIds : [0] });
    const out = new Map<number, Counters>();
    addCounts(out, await filed.getRawMany(), ['opinionSubmitted', 'opinionAccepted']);
    addCounts(out, await adopted.getRawMany(), Object.values(TIER_KEYS));
    addCounts(out, await instructed.getRawMany(), ['opinionInstructed']);
    return out;
  }
}
