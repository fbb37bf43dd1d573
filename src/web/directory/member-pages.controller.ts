import { Controller, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GENDER_LABELS, GENDERS, MEMBER_STATUS_LABELS } from '../../directory/directory-labels';
import { DirectoryQuery } from '../../directory/directory.dto';
import { MEMBER_STATUSES } from '../../directory/directory.entities';
import { CreateMemberDto, MemberQuery, MemberView, UpdateMemberDto } from '../../directory/members.dto';
import { MembersService } from '../../directory/members.service';
import { NamedKind, NamedListService } from '../../directory/named-list.service';
import { FormSpec, FormValue } from '../kit/forms';
import { Option } from '../kit/layout';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { WebPages } from '../kit/web-pages';
import { formText, DirectoryPages, DirectoryPagesConfig } from './directory-pages';

/** Optional text goes through as typed: the DTO turns blank into "none" (null), which clears it on edit. */
const CREATE_FORM: FormSpec = {
  name: 'text',
  sectorId: 'int',
  committeeIds: 'intList',
  gender: 'text|null',
  term: 'text',
  phone: 'text',
  employer: 'text',
};
const EDIT_FORM: FormSpec = { ...CREATE_FORM, status: 'text?', disabled: 'bool', version: 'int' };

const CONFIG: DirectoryPagesConfig<MemberQuery, CreateMemberDto, UpdateMemberDto> = {
  section: 'members',
  views: { list: 'directory/members', form: 'directory/member-form' },
  query: { dto: MemberQuery, spec: { sectorId: 'int' } },
  create: { dto: CreateMemberDto, spec: CREATE_FORM },
  update: { dto: UpdateMemberDto, spec: EDIT_FORM },
};

const GENDER_OPTIONS: Option[] = GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }));
const STATUS_OPTIONS: Option[] = MEMBER_STATUSES.map((s) => ({ value: s, label: MEMBER_STATUS_LABELS[s] }));

/** 委员: name, sector, committees, gender, term, phone, employer; status and 停用 when editing. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('directory/members')
export class MemberPagesController extends DirectoryPages<MemberView, CreateMemberDto, UpdateMemberDto, MemberQuery> {
  protected readonly config = CONFIG;

  constructor(
    pages: WebPages,
    protected readonly records: MembersService,
    private readonly lists: NamedListService,
  ) {
    super(pages);
  }

  protected blank(): Record<string, FormValue> {
    return { name: '', sectorId: '', committeeIds: [], gender: '', term: '', phone: '', employer: '' };
  }

  protected formOf(m: MemberView): Record<string, FormValue> {
    return {
      name: m.name,
      sectorId: formText(m.sectorId),
      committeeIds: m.committees.map((c) => formText(c.id)),
      gender: m.gender ?? '',
      term: formText(m.term),
      phone: formText(m.phone),
      employer: formText(m.employer),
      status: m.status,
      disabled: m.disabled,
      version: formText(m.version),
    };
  }

  protected override async choices(m: MemberView | null): Promise<Record<string, Option[]>> {
    const sectors = await this.inUse('sector', m ? [{ id: m.sectorId, name: m.sectorName }] : []);
    const committees = await this.inUse('committee', m?.committees ?? []);
    return { sectors, committees, genders: GENDER_OPTIONS, statuses: STATUS_OPTIONS };
  }

  /** The sectors or committees in use, plus those the record already holds (so editing never drops them silently). */
  private async inUse(kind: NamedKind, held: { id: number; name: string }[]): Promise<Option[]> {
    const q = Object.assign(new DirectoryQuery(), { page: 1, pageSize: 100, includeDisabled: false });
    const rows = (await this.lists.list(kind, q)).items;
    const extra = held.filter((h) => !rows.some((r) => r.id === h.id));
    return [...rows, ...extra].map((r) => ({ value: formText(r.id), label: r.name }));
  }
}
