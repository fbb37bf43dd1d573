import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { Page } from '../common/pagination';
import { pageOfRows } from '../database/rows';
import { Tx } from '../database/tx';
import {
  ConsultationPointQuery,
  ConsultationPointView,
  CreateConsultationPointDto,
  UpdateConsultationPointDto,
} from './consultation-points.dto';
import { directoryListQuery, findRecord, insertRecord, RecordKind, updateRecord } from './directory-base';
import { ConsultationPoint } from './directory.entities';

const POINT: RecordKind<ConsultationPoint> = {
  entity: ConsultationPoint,
  type: 'consultation_point',
  label: '协商议事点',
  unique: { name: '协商议事点' },
  search: ['name', 'district'],
};

export function toConsultationPointView(p: ConsultationPoint): ConsultationPointView {
  return {
    id: p.id,
    name: p.name,
    district: p.district,
    grid: p.grid,
    address: p.address,
    disabled: p.disabled,
    version: p.version,
  };
}

/** 协商议事点: where grassroots topics are deliberated; facilitator accounts point at one. */
@Injectable()
export class ConsultationPointsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
  ) {}

  list(q: ConsultationPointQuery): Promise<Page<ConsultationPointView>> {
    return pageOfRows(directoryListQuery(this.ds, POINT, q).orderBy('r.id', 'ASC'), q, toConsultationPointView);
  }

  async get(id: number): Promise<ConsultationPointView> {
    return toConsultationPointView(await findRecord(this.ds.manager, POINT, id));
  }

  create(actor: Actor | typeof SYSTEM_ACTOR, dto: CreateConsultationPointDto): Promise<ConsultationPointView> {
    const values = {
      name: dto.name,
      district: dto.district ?? null,
      grid: dto.grid ?? null,
      address: dto.address ?? null,
    };
    return this.tx.run(async (em) => toConsultationPointView(await insertRecord(em, this.audit, actor, POINT, values)));
  }

  update(actor: Actor, id: number, dto: UpdateConsultationPointDto): Promise<ConsultationPointView> {
    const patch = {
      name: dto.name,
      district: dto.district,
      grid: dto.grid,
      address: dto.address,
      disabled: dto.disabled,
    };
    return this.tx.run(async (em) =>
      toConsultationPointView(await updateRecord(em, this.audit, actor, POINT, id, dto.version, patch)),
    );
  }
}
