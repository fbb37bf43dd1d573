import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { AppError } from '../common/app-error';
import { LIKE_ESCAPE, likeContains, Page, pageOf } from '../common/pagination';
import { Tx } from '../database/tx';
import { assertUnique, assertVersion, diff, findForUpdate } from './directory-base';
import { Committee, Sector } from './directory.entities';
import { CreateNamedDto, DirectoryQuery, UpdateNamedDto } from './named-list.dto';

export type NamedKind = 'sector' | 'committee';
const ENTITY = { sector: Sector, committee: Committee } as const;
const LABEL: Record<NamedKind, string> = { sector: '界别', committee: '专委会' };

export function toNamedView(r: Sector | Committee) {
  return { id: r.id, name: r.name, sortOrder: r.sortOrder, disabled: r.disabled, version: r.version };
}
export type NamedView = ReturnType<typeof toNamedView>;

/** 界别 and 专委会: editable reference lists with unique names. */
@Injectable()
export class NamedListService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
  ) {}

  async list(kind: NamedKind, q: DirectoryQuery): Promise<Page<NamedView>> {
    const qb = this.ds.getRepository(ENTITY[kind]).createQueryBuilder('r');
    if (!q.includeDisabled) qb.andWhere('r.disabled = :off', { off: false });
    if (q.q) qb.andWhere(`r.name LIKE :q ${LIKE_ESCAPE}`, { q: likeContains(q.q) });
    const [rows, total] = await qb.orderBy('r.sortOrder', 'ASC').addOrderBy('r.id', 'ASC').skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return pageOf(rows.map(toNamedView), total, q);
  }

  async get(kind: NamedKind, id: number): Promise<NamedView> {
    const row = await this.ds.getRepository(ENTITY[kind]).findOneBy({ id });
    if (!row) throw AppError.notFound(LABEL[kind]);
    return toNamedView(row);
  }

  create(kind: NamedKind, actor: Actor | typeof SYSTEM_ACTOR, dto: CreateNamedDto): Promise<NamedView> {
    return this.tx.run(async (em) => {
      await assertUnique(em, ENTITY[kind], 'name', dto.name, LABEL[kind]);
      const row = em.create(ENTITY[kind], { name: dto.name, sortOrder: dto.sortOrder ?? 0, disabled: false });
      await em.save(row);
      await this.audit.record(em, { actor, action: `${kind}.create`, entityType: kind, entityId: row.id, to: { name: row.name } });
      return toNamedView(row);
    });
  }

  update(kind: NamedKind, actor: Actor, id: number, dto: UpdateNamedDto): Promise<NamedView> {
    return this.tx.run(async (em) => {
      const row = await findForUpdate(em, ENTITY[kind], id);
      if (!row) throw AppError.notFound(LABEL[kind]);
      assertVersion(row, dto.version);
      if (dto.name !== undefined) await assertUnique(em, ENTITY[kind], 'name', dto.name, LABEL[kind], id);
      const { from, to } = diff(row, { name: dto.name, sortOrder: dto.sortOrder, disabled: dto.disabled });
      if (Object.keys(to).length === 0) return toNamedView(row);
      Object.assign(row, to);
      await em.save(row);
      await this.audit.record(em, { actor, action: `${kind}.update`, entityType: kind, entityId: id, from, to });
      return toNamedView(row);
    });
  }
}
