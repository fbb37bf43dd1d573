import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { AppError } from '../common/app-error';
import { Page, pageOf } from '../common/pagination';
import { Tx } from '../database/tx';
import {
  assertUniqueFields,
  directoryListQuery,
  findRecord,
  insertRecord,
  loadForChange,
  RecordKind,
  saveChanges,
} from './directory-base';
import { Committee, Member, MemberCommittee, Sector } from './directory.entities';
import { committeeIdsOf, memberForReader, toMemberViews } from './member-views';
import { CreateMemberDto, MemberQuery, MemberView, UpdateMemberDto } from './members.dto';

export { toMemberView } from './member-views';

const MEMBER: RecordKind<Member> = {
  entity: Member,
  type: 'member',
  label: '委员',
  unique: { name: '委员' },
  search: ['name'],
};

const ascending = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** 委员: who they are, their sector 界别 and the committees 专委会 they sit on. */
@Injectable()
export class MembersService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
  ) {}

  /**
   * Four queries whatever the page: count, the page of members, their sectors' names, their committees. With a
   * `reader`, each as that reader may see it (`memberForReader`: phones and employers to admin, staff and the member).
   */
  async list(q: MemberQuery, reader?: Actor): Promise<Page<MemberView>> {
    const qb = directoryListQuery(this.ds, MEMBER, q);
    if (q.sectorId) qb.andWhere('r.sectorId = :sectorId', { sectorId: q.sectorId });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.committeeId) {
      const seated = qb
        .subQuery()
        .select('mc.memberId')
        .from(MemberCommittee, 'mc')
        .where('mc.committeeId = :committeeId')
        .getQuery();
      qb.andWhere(`r.id IN ${seated}`, { committeeId: q.committeeId });
    }
    const [rows, total] = await qb
      .orderBy('r.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const views = await toMemberViews(this.ds.manager, rows);
    return pageOf(reader ? views.map((v) => memberForReader(v, reader)) : views, total, q);
  }

  /** One member; with a `reader`, as that reader may see it (`memberForReader`). */
  async get(id: number, reader?: Actor): Promise<MemberView> {
    const row = await findRecord(this.ds.manager, MEMBER, id);
    const [view] = await toMemberViews(this.ds.manager, [row]);
    return reader ? memberForReader(view, reader) : view;
  }

  create(actor: Actor | typeof SYSTEM_ACTOR, dto: CreateMemberDto): Promise<MemberView> {
    const committeeIds = ascending(dto.committeeIds ?? []);
    const values = {
      name: dto.name,
      sectorId: dto.sectorId,
      gender: dto.gender ?? null,
      term: dto.term ?? null,
      phone: dto.phone ?? null,
      employer: dto.employer ?? null,
      status: 'active' as const,
    };
    return this.tx.run(async (em) => {
      await this.assertReferences(em, dto.sectorId, committeeIds);
      const row = await insertRecord(em, this.audit, actor, MEMBER, values, { committeeIds });
      if (committeeIds.length)
        await em.insert(
          MemberCommittee,
          committeeIds.map((committeeId) => ({ memberId: row.id, committeeId })),
        );
      return (await toMemberViews(em, [row]))[0];
    });
  }

  /** `committeeIds` replaces the whole set; committees already held stay valid even when since disabled. */
  update(actor: Actor, id: number, dto: UpdateMemberDto): Promise<MemberView> {
    const { committeeIds, version, ...fields } = dto;
    return this.tx.run(async (em) => {
      const row = await loadForChange(em, MEMBER, id, version);
      const current = await committeeIdsOf(em, id);
      const next = committeeIds ? ascending(committeeIds) : current;
      const added = next.filter((c) => !current.includes(c));
      const removed = current.filter((c) => !next.includes(c));
      const newSector = fields.sectorId !== undefined && fields.sectorId !== row.sectorId ? fields.sectorId : undefined;
      await this.assertReferences(em, newSector, added);
      await assertUniqueFields(em, MEMBER, { name: fields.name }, id);
      const related =
        added.length || removed.length ? { from: { committeeIds: current }, to: { committeeIds: next } } : undefined;
      await saveChanges(em, this.audit, actor, MEMBER, row, fields, related);
      if (removed.length) await em.delete(MemberCommittee, { memberId: id, committeeId: In(removed) });
      if (added.length)
        await em.insert(
          MemberCommittee,
          added.map((committeeId) => ({ memberId: id, committeeId })),
        );
      return (await toMemberViews(em, [row]))[0];
    });
  }

  /** A member is placed only in a sector and committees that exist and are in use: 400 naming each field. */
  private async assertReferences(
    em: EntityManager,
    sectorId: number | undefined,
    committeeIds: number[],
  ): Promise<void> {
    const fields: Record<string, string[]> = {};
    if (sectorId !== undefined) {
      const sector = await em.findOneBy(Sector, { id: sectorId });
      if (!sector) fields.sectorId = ['所选界别不存在'];
      else if (sector.disabled) fields.sectorId = [`界别“${sector.name}”已停用`];
    }
    if (committeeIds.length) {
      const found = new Map((await em.findBy(Committee, { id: In(committeeIds) })).map((c) => [c.id, c]));
      const problems = committeeIds.flatMap((cid) => {
        const c = found.get(cid);
        return !c ? [`编号为 ${cid} 的专委会不存在`] : c.disabled ? [`专委会“${c.name}”已停用`] : [];
      });
      if (problems.length) fields.committeeIds = problems;
    }
    if (Object.keys(fields).length) throw AppError.invalid(fields, Object.values(fields)[0][0]);
  }
}
