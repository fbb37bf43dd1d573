import { Controller, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  ConsultationPointQuery,
  ConsultationPointView,
  CreateConsultationPointDto,
  UpdateConsultationPointDto,
} from '../../directory/consultation-points.dto';
import { ConsultationPointsService } from '../../directory/consultation-points.service';
import { UNIT_KIND_LABELS } from '../../directory/directory-labels';
import { UNIT_KINDS } from '../../directory/directory.entities';
import { CreateSessionDto, SessionQuery, SessionView, UpdateSessionDto } from '../../directory/sessions.dto';
import { SessionsService } from '../../directory/sessions.service';
import { CreateUnitDto, UnitQuery, UnitView, UpdateUnitDto } from '../../directory/units.dto';
import { UnitsService } from '../../directory/units.service';
import { FormSpec, FormValue, isoToZoned } from '../kit/forms';
import { Option } from '../kit/layout';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { WebPages } from '../kit/web-pages';
import { formText, DirectoryPages, DirectoryPagesConfig } from './directory-pages';

/** What every edit form adds to its create form. */
const EDITING: FormSpec = { disabled: 'bool', version: 'int' };

const UNIT_FORM: FormSpec = { name: 'text', kind: 'text?', contactName: 'text', contactPhone: 'text' };
const UNITS: DirectoryPagesConfig<UnitQuery, CreateUnitDto, UpdateUnitDto> = {
  section: 'units',
  views: { list: 'directory/units', form: 'directory/unit-form' },
  query: { dto: UnitQuery, spec: { kind: 'text?' } },
  create: { dto: CreateUnitDto, spec: UNIT_FORM },
  update: { dto: UpdateUnitDto, spec: { ...UNIT_FORM, ...EDITING } },
};
const UNIT_KIND_OPTIONS: Option[] = UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));

/** 承办单位 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('directory/units')
export class UnitPagesController extends DirectoryPages<UnitView, CreateUnitDto, UpdateUnitDto, UnitQuery> {
  protected readonly config = UNITS;

  constructor(
    pages: WebPages,
    protected readonly records: UnitsService,
  ) {
    super(pages);
  }

  protected blank(): Record<string, FormValue> {
    return { name: '', kind: '', contactName: '', contactPhone: '' };
  }

  protected formOf(u: UnitView): Record<string, FormValue> {
    return {
      name: u.name,
      kind: u.kind,
      contactName: formText(u.contactName),
      contactPhone: formText(u.contactPhone),
      disabled: u.disabled,
      version: formText(u.version),
    };
  }

  protected override choices(): Promise<Record<string, Option[]>> {
    return Promise.resolve({ kinds: UNIT_KIND_OPTIONS });
  }
}

const POINT_FORM: FormSpec = { name: 'text', district: 'text', grid: 'text', address: 'text' };
const POINTS: DirectoryPagesConfig<ConsultationPointQuery, CreateConsultationPointDto, UpdateConsultationPointDto> = {
  section: 'points',
  views: { list: 'directory/points', form: 'directory/point-form' },
  query: { dto: ConsultationPointQuery, spec: {} },
  create: { dto: CreateConsultationPointDto, spec: POINT_FORM },
  update: { dto: UpdateConsultationPointDto, spec: { ...POINT_FORM, ...EDITING } },
};

/** 协商议事点 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('directory/points')
export class PointPagesController extends DirectoryPages<
  ConsultationPointView,
  CreateConsultationPointDto,
  UpdateConsultationPointDto,
  ConsultationPointQuery
> {
  protected readonly config = POINTS;

  constructor(
    pages: WebPages,
    protected readonly records: ConsultationPointsService,
  ) {
    super(pages);
  }

  protected blank(): Record<string, FormValue> {
    return { name: '', district: '', grid: '', address: '' };
  }

  protected formOf(p: ConsultationPointView): Record<string, FormValue> {
    return {
      name: p.name,
      district: formText(p.district),
      grid: formText(p.grid),
      address: formText(p.address),
      disabled: p.disabled,
      version: formText(p.version),
    };
  }
}

/** Times are typed as wall-clock `datetime-local` values in the display zone (Asia/Shanghai by default). */
const SESSION_FORM: FormSpec = { code: 'text', name: 'text', opensAt: 'datetime', closesAt: 'datetime' };
const SESSIONS: DirectoryPagesConfig<SessionQuery, CreateSessionDto, UpdateSessionDto> = {
  section: 'sessions',
  views: { list: 'directory/sessions', form: 'directory/session-form' },
  query: { dto: SessionQuery, spec: {} },
  create: { dto: CreateSessionDto, spec: SESSION_FORM },
  update: { dto: UpdateSessionDto, spec: { ...SESSION_FORM, ...EDITING } },
};

/** 会次 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('directory/sessions')
export class CouncilSessionPagesController extends DirectoryPages<
  SessionView,
  CreateSessionDto,
  UpdateSessionDto,
  SessionQuery
> {
  protected readonly config = SESSIONS;

  constructor(
    pages: WebPages,
    protected readonly records: SessionsService,
  ) {
    super(pages);
  }

  protected blank(): Record<string, FormValue> {
    return { code: '', name: '', opensAt: '', closesAt: '' };
  }

  protected formOf(s: SessionView): Record<string, FormValue> {
    const zone = this.pages.timeZone;
    return {
      code: s.code,
      name: s.name,
      opensAt: isoToZoned(s.opensAt, zone),
      closesAt: isoToZoned(s.closesAt, zone),
      disabled: s.disabled,
      version: formText(s.version),
    };
  }
}
