import { EntityManager, In } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { RefView } from '../common/dto-fields';
import { GENDER_LABELS, MEMBER_STATUS_LABELS } from './directory-labels';
import { Committee, Member, MemberCommittee, Sector } from './directory.entities';
import { MemberView } from './members.dto';

export function toMemberView(m: Member, sectorName: string, committees: RefView[]): MemberView {
  return {
    id: m.id,
    name: m.name,
    gender: m.gender,
    genderLabel: m.gender ? GENDER_LABELS[m.gender] : null,
    sectorId: m.sectorId,
    sectorName,
    committees,
    term: m.term,
    phone: m.phone,
    employer: m.employer,
    status: m.status,
    statusLabel: MEMBER_STATUS_LABELS[m.status],
    disabled: m.disabled,
    version: m.version,
  };
}

/** Sees a member's phone and employer: admin and staff (who keep the directory), and the member themself. */
export const seesContactOf = (reader: Actor, memberId: number): boolean =>
  hasRole(reader, 'admin', 'staff') || (hasRole(reader, 'member') && reader.memberId === memberId);

/**
 * What `reader` sees of a member: everything for `seesContactOf`; for everyone else (units, facilitators,
 * leaders, other members) the name, sector, committees, term and status, without the phone and employer.
 */
export function memberForReader(view: MemberView, reader: Actor): MemberView {
  if (seesContactOf(reader, view.id)) return view;
  const { phone: _phone, employer: _employer, ...reduced } = view;
  return reduced;
}

/**
 * Views of a page of members with two more queries whatever the page size: the sector names,
 * then the committees of all the page's members (in committee order). No eager relations.
 */
export async function toMemberViews(em: EntityManager, rows: Member[]): Promise<MemberView[]> {
  if (rows.length === 0) return [];
  const sectorIds = [...new Set(rows.map((m) => m.sectorId))];
  const sectors = await em.find(Sector, { select: { id: true, name: true }, where: { id: In(sectorIds) } });
  const sectorName = new Map(sectors.map((s) => [s.id, s.name]));
  const links: { memberId: number | string; id: number | string; name: string }[] = await em
    .createQueryBuilder(MemberCommittee, 'mc')
    .innerJoin(Committee, 'c', 'c.id = mc.committeeId')
    .select('mc.memberId', 'memberId')
    .addSelect('c.id', 'id')
    .addSelect('c.name', 'name')
    .where('mc.memberId IN (:...ids)', { ids: rows.map((m) => m.id) })
    .orderBy('c.sortOrder', 'ASC')
    .addOrderBy('c.id', 'ASC')
    .getRawMany();
  const committees = new Map<number, RefView[]>();
  for (const l of links) {
    const list = committees.get(Number(l.memberId)) ?? [];
    list.push({ id: Number(l.id), name: l.name });
    committees.set(Number(l.memberId), list);
  }
  return rows.map((m) => toMemberView(m, sectorName.get(m.sectorId) ?? '', committees.get(m.id) ?? []));
}

/** The committee ids a member sits on, ascending. */
export async function committeeIdsOf(em: EntityManager, memberId: number): Promise<number[]> {
  const rows = await em.find(MemberCommittee, { where: { memberId }, order: { committeeId: 'ASC' } });
  return rows.map((r) => r.committeeId);
}
