import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { Page } from '../common/pagination';
import { pageOfRows } from '../database/rows';
import { Tx } from '../database/tx';
import { directoryListQuery, findRecord, insertRecord, RecordKind, updateRecord } from './directory-base';
import { UNIT_KIND_LABELS } from './directory-labels';
import { Unit } from './directory.entities';
import { CreateUnitDto, UnitQuery, UnitView, UpdateUnitDto } from './units.dto';

const UNIT: RecordKind<Unit> = {
  entity: Unit,
  type: 'unit',
  label: '承办单位',
  unique: { name: '承办单位' },
  search: ['name'],
};

export function toUnitView(u: Unit): UnitView {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    kindLabel: UNIT_KIND_LABELS[u.kind],
    contactName: u.contactName,
    contactPhone: u.contactPhone,
    disabled: u.disabled,
    version: u.version,
  };
}

/** 承办单位: the departments and organisations proposals are assigned to. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
  ) {}

  list(q: UnitQuery): Promise<Page<UnitView>> {
    const qb = directoryListQuery(this.ds, UNIT, q);
    if (q.kind) qb.andWhere('r.kind = :kind', { kind: q.kind });
    return pageOfRows(qb.orderBy('r.id', 'ASC'), q, toUnitView);
  }

  async get(id: number): Promise<UnitView> {
    return toUnitView(await findRecord(this.ds.manager, UNIT, id));
  }

  create(actor: Actor | typeof SYSTEM_ACTOR, dto: CreateUnitDto): Promise<UnitView> {
    const values = {
      name: dto.name,
      kind: dto.kind,
      contactName: dto.contactName ?? null,
      contactPhone: dto.contactPhone ?? null,
    };
    return this.tx.run(async (em) => toUnitView(await insertRecord(em, this.audit, actor, UNIT, values)));
  }

  update(actor: Actor, id: number, dto: UpdateUnitDto): Promise<UnitView> {
    const patch = {
      name: dto.name,
      kind: dto.kind,
      contactName: dto.contactName,
      contactPhone: dto.contactPhone,
      disabled: dto.disabled,
    };
    return this.tx.run(async (em) =>
      toUnitView(await updateRecord(em, this.audit, actor, UNIT, id, dto.version, patch)),
    );
  }
}
