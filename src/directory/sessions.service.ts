import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { AppError } from '../common/app-error';
import { Page } from '../common/pagination';
import { pageOfRows } from '../database/rows';
import { Tx } from '../database/tx';
import { directoryListQuery, findRecord, insertRecord, RecordKind, updateRecord } from './directory-base';
import { CouncilSession } from './directory.entities';
import { CreateSessionDto, SessionQuery, SessionView, UpdateSessionDto } from './sessions.dto';

const SESSION: RecordKind<CouncilSession> = {
  entity: CouncilSession,
  type: 'session',
  label: '会次',
  unique: { code: '会次代号', name: '会次' },
  search: ['name', 'code'],
};

export function toSessionView(s: CouncilSession): SessionView {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    opensAt: s.opensAt.toISOString(),
    closesAt: s.closesAt.toISOString(),
    disabled: s.disabled,
    version: s.version,
  };
}

function assertWindow(opensAt: Date, closesAt: Date): void {
  if (closesAt.getTime() <= opensAt.getTime())
    throw AppError.invalid({ closesAt: ['截止时间须晚于开始时间'] }, '截止时间须晚于开始时间');
}

const toDate = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

/** 会次: each plenary session with its proposal window; proposals are numbered per session. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
  ) {}

  list(q: SessionQuery): Promise<Page<SessionView>> {
    const qb = directoryListQuery(this.ds, SESSION, q).orderBy('r.opensAt', 'DESC').addOrderBy('r.id', 'DESC');
    return pageOfRows(qb, q, toSessionView);
  }

  async get(id: number): Promise<SessionView> {
    return toSessionView(await findRecord(this.ds.manager, SESSION, id));
  }

  create(actor: Actor | typeof SYSTEM_ACTOR, dto: CreateSessionDto): Promise<SessionView> {
    const values = { code: dto.code, name: dto.name, opensAt: new Date(dto.opensAt), closesAt: new Date(dto.closesAt) };
    assertWindow(values.opensAt, values.closesAt);
    return this.tx.run(async (em) => toSessionView(await insertRecord(em, this.audit, actor, SESSION, values)));
  }

  update(actor: Actor, id: number, dto: UpdateSessionDto): Promise<SessionView> {
    const patch = {
      code: dto.code,
      name: dto.name,
      opensAt: toDate(dto.opensAt),
      closesAt: toDate(dto.closesAt),
      disabled: dto.disabled,
    };
    const check = (row: CouncilSession) => assertWindow(patch.opensAt ?? row.opensAt, patch.closesAt ?? row.closesAt);
    return this.tx.run(async (em) =>
      toSessionView(await updateRecord(em, this.audit, actor, SESSION, id, dto.version, patch, check)),
    );
  }
}
