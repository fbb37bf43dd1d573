import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { Page } from '../common/pagination';
import { pageOfRows } from '../database/rows';
import { Tx } from '../database/tx';
import { directoryListQuery, findRecord, insertRecord, RecordKind, updateRecord } from './directory-base';
import { Committee, Sector } from './directory.entities';
import { CreateNamedDto, DirectoryQuery, NamedView, UpdateNamedDto } from './named-list.dto';

export type { NamedView } from './named-list.dto';

export type NamedKind = 'sector' | 'committee';
const KINDS: { [K in NamedKind]: RecordKind<Sector | Committee> } = {
  sector: { entity: Sector, type: 'sector', label: '界别', unique: { name: '界别' }, search: ['name'] },
  committee: { entity: Committee, type: 'committee', label: '专委会', unique: { name: '专委会' }, search: ['name'] },
};

export function toNamedView(r: Sector | Committee): NamedView {
  return { id: r.id, name: r.name, sortOrder: r.sortOrder, disabled: r.disabled, version: r.version };
}

/** 界别 and 专委会: editable reference lists with unique names. */
@Injectable()
export class NamedListService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
  ) {}

  list(kind: NamedKind, q: DirectoryQuery): Promise<Page<NamedView>> {
    const qb = directoryListQuery(this.ds, KINDS[kind], q).orderBy('r.sortOrder', 'ASC').addOrderBy('r.id', 'ASC');
    return pageOfRows(qb, q, toNamedView);
  }

  async get(kind: NamedKind, id: number): Promise<NamedView> {
    return toNamedView(await findRecord(this.ds.manager, KINDS[kind], id));
  }

  create(kind: NamedKind, actor: Actor | typeof SYSTEM_ACTOR, dto: CreateNamedDto): Promise<NamedView> {
    return this.tx.run(async (em) =>
      toNamedView(
        await insertRecord(em, this.audit, actor, KINDS[kind], { name: dto.name, sortOrder: dto.sortOrder ?? 0 }),
      ),
    );
  }

  update(kind: NamedKind, actor: Actor, id: number, dto: UpdateNamedDto): Promise<NamedView> {
    const patch = { name: dto.name, sortOrder: dto.sortOrder, disabled: dto.disabled };
    return this.tx.run(async (em) =>
      toNamedView(await updateRecord(em, this.audit, actor, KINDS[kind], id, dto.version, patch)),
    );
  }
}
