import { Controller, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Actor } from '../../common/actor';
import { CreateNamedDto, DirectoryQuery, NamedView, UpdateNamedDto } from '../../directory/named-list.dto';
import { NamedKind, NamedListService } from '../../directory/named-list.service';
import { FormValue } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { WebPages } from '../kit/web-pages';
import { formText, DirectoryPages, DirectoryPagesConfig, DirectoryRecords } from './directory-pages';

const CREATE_FORM = { name: 'text', sortOrder: 'int' } as const;
const EDIT_FORM = { ...CREATE_FORM, disabled: 'bool', version: 'int' } as const;

function namedConfig(kind: NamedKind): DirectoryPagesConfig<DirectoryQuery, CreateNamedDto, UpdateNamedDto> {
  return {
    section: kind === 'sector' ? 'sectors' : 'committees',
    views:
      kind === 'sector'
        ? { list: 'directory/sectors', form: 'directory/sector-form' }
        : { list: 'directory/committees', form: 'directory/committee-form' },
    query: { dto: DirectoryQuery, spec: {} },
    create: { dto: CreateNamedDto, spec: CREATE_FORM },
    update: { dto: UpdateNamedDto, spec: EDIT_FORM },
  };
}

/** 界别 and 专委会 share one service (by kind), one form and one list layout. */
abstract class NamedListPages extends DirectoryPages<NamedView, CreateNamedDto, UpdateNamedDto, DirectoryQuery> {
  protected readonly records: DirectoryRecords<NamedView, CreateNamedDto, UpdateNamedDto, DirectoryQuery>;

  constructor(pages: WebPages, lists: NamedListService, kind: NamedKind) {
    super(pages);
    this.records = {
      list: (q) => lists.list(kind, q),
      get: (id) => lists.get(kind, id),
      create: (actor: Actor, dto) => lists.create(kind, actor, dto),
      update: (actor: Actor, id, dto) => lists.update(kind, actor, id, dto),
    };
  }

  protected blank(): Record<string, FormValue> {
    return { name: '', sortOrder: '0' };
  }

  protected formOf(r: NamedView): Record<string, FormValue> {
    return { name: r.name, sortOrder: formText(r.sortOrder), disabled: r.disabled, version: formText(r.version) };
  }
}

@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('directory/sectors')
export class SectorPagesController extends NamedListPages {
  protected readonly config = namedConfig('sector');

  constructor(pages: WebPages, lists: NamedListService) {
    super(pages, lists, 'sector');
  }
}

@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('directory/committees')
export class CommitteePagesController extends NamedListPages {
  protected readonly config = namedConfig('committee');

  constructor(pages: WebPages, lists: NamedListService) {
    super(pages, lists, 'committee');
  }
}
