import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error';
import { Page } from '../../common/pagination';
import { DirectoryQuery } from '../../directory/directory.dto';
import { MemberQuery } from '../../directory/members.dto';
import { MembersService } from '../../directory/members.service';
import { NamedListService } from '../../directory/named-list.service';
import { SessionQuery } from '../../directory/sessions.dto';
import { SessionsService } from '../../directory/sessions.service';
import { UnitQuery } from '../../directory/units.dto';
import { UnitsService } from '../../directory/units.service';
import type { Option } from './layout';

/** A fixed list of codes as options, labelled as the API labels them. */
export const options = <K extends string>(codes: readonly K[], labels: Record<K, string>): Option[] =>
  codes.map((c) => ({ value: c, label: labels[c] }));

/** Every page of a directory list, for a form's select (the lists are short: sessions, units, sectors). */
export async function everything<V>(fetch: (page: number) => Promise<Page<V>>): Promise<V[]> {
  const all: V[] = [];
  for (let page = 1; ; page++) {
    const got = await fetch(page);
    all.push(...got.items);
    if (got.items.length === 0 || all.length >= got.total) return all;
  }
}

export const query = <Q extends DirectoryQuery>(make: new () => Q, page: number, extra: Partial<Q> = {}): Q =>
  Object.assign(new make(), { page, pageSize: 100, includeDisabled: false }, extra);

/**
 * The choices the forms offer from the directory, through its services: sessions, units, sectors, committees, and
 * members by name (proposal, meeting, record and visit pages alike).
 */
@Injectable()
export class DirectoryChoices {
  constructor(
    private readonly sessionsService: SessionsService,
    private readonly unitsService: UnitsService,
    private readonly lists: NamedListService,
    private readonly members: MembersService,
  ) {}

  async sessions(): Promise<Option[]> {
    const rows = await everything((page) => this.sessionsService.list(query(SessionQuery, page)));
    return rows.map((s) => ({ value: String(s.id), label: s.name }));
  }

  async units(): Promise<Option[]> {
    const rows = await everything((page) => this.unitsService.list(query(UnitQuery, page)));
    return rows.map((u) => ({ value: String(u.id), label: u.name }));
  }

  async sectors(): Promise<Option[]> {
    const rows = await everything((page) => this.lists.list('sector', query(DirectoryQuery, page)));
    return rows.map((s) => ({ value: String(s.id), label: s.name }));
  }

  async committees(): Promise<Option[]> {
    const rows = await everything((page) => this.lists.list('committee', query(DirectoryQuery, page)));
    return rows.map((c) => ({ value: String(c.id), label: c.name }));
  }

  /** 附议人 picker: serving members whose name contains `q`, leaving out the one searching. */
  async searchMembers(
    q: string,
    exceptMemberId: number | null,
  ): Promise<{ id: number; name: string; sector: string }[]> {
    const text = q.trim();
    if (!text) return [];
    const page = await this.members.list(
      query(MemberQuery, 1, { q: text.slice(0, 100), status: 'active', pageSize: 11 }),
    );
    return page.items
      .filter((m) => m.id !== exceptMemberId)
      .slice(0, 10)
      .map((m) => ({ id: m.id, name: m.name, sector: m.sectorName }));
  }

  /** 附议人 (or meeting participants) typed by name (member names are unique): their ids, or an error on `field` naming those not found. */
  async memberIdsNamed(names: string[], field = 'coSignerNames'): Promise<number[]> {
    const ids: number[] = [];
    const missing: string[] = [];
    for (const name of [...new Set(names)]) {
      const found = await this.memberNamed(name);
      if (found !== null) ids.push(found);
      else missing.push(name);
    }
    if (missing.length) throw AppError.invalidField(field, `找不到在任委员：${missing.join('、')}，请核对姓名`);
    return ids;
  }

  private async memberNamed(name: string): Promise<number | null> {
    if (name.length > 100) return null;
    for (let page = 1; ; page++) {
      const got = await this.members.list(query(MemberQuery, page, { q: name, status: 'active' }));
      const found = got.items.find((m) => m.name === name);
      if (found) return found.id;
      if (got.items.length === 0 || page * got.pageSize >= got.total) return null;
    }
  }
}
