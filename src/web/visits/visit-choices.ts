import { Injectable } from '@nestjs/common';
import { UserQuery } from '../../auth/auth.dto';
import { UsersService } from '../../auth/users.service';
import { DirectoryQuery } from '../../directory/directory.dto';
import { MemberQuery } from '../../directory/members.dto';
import { MembersService } from '../../directory/members.service';
import { NamedListService } from '../../directory/named-list.service';
import { UnitQuery } from '../../directory/units.dto';
import { UnitsService } from '../../directory/units.service';
import { ConflictView } from '../../visits/dto/visit-view.dto';
import { KIND_LABELS, ORGANIZER_TYPE_LABELS } from '../../visits/visit-labels';
import { VISIT_KINDS } from '../../visits/visit.entities';
import { everything, query } from '../kit/directory-choices';
import type { Option } from '../kit/layout';

/** One person in the picker: ticked or not, and what they would clash with. */
export interface PickerPerson {
  id: number;
  name: string;
  caption: string;
  checked: boolean;
  conflicts: ConflictView[];
}

const NO_COMMITTEE = '未分专委会';

/** The participant picker: serving members by committee (with their sector), staff accounts, and units for their people. */
export interface Picker {
  groups: { name: string; open: boolean; members: PickerPerson[] }[];
  staff: PickerPerson[];
  units: Option[];
}

export const KIND_OPTIONS: Option[] = VISIT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

/** The choices of the 视察调研 planner, from the directory and the accounts (through their services). */
@Injectable()
export class VisitChoices {
  constructor(
    private readonly lists: NamedListService,
    private readonly members: MembersService,
    private readonly units: UnitsService,
    private readonly users: UsersService,
  ) {}

  /** 组织方: committees, then sectors, as `committee:2`. */
  async organizers(): Promise<Option[]> {
    const [committees, sectors] = await Promise.all([
      everything((page) => this.lists.list('committee', query(DirectoryQuery, page))),
      everything((page) => this.lists.list('sector', query(DirectoryQuery, page))),
    ]);
    const of = (type: 'committee' | 'sector', rows: { id: number; name: string }[]) =>
      rows.map((r) => ({ value: `${type}:${r.id}`, label: `${ORGANIZER_TYPE_LABELS[type]}：${r.name}` }));
    return [...of('committee', committees), ...of('sector', sectors)];
  }

  /** Everyone who can be picked; `picked` ticks them, `conflicts` are shown beside each. `only` narrows the members shown (the free/busy page). */
  async picker(
    picked: { memberIds: number[]; userIds: number[] },
    conflicts: ConflictView[] = [],
    exclude: { memberIds?: number[]; userIds?: number[] } = {},
  ): Promise<Picker> {
    const [members, staff, units] = await Promise.all([
      everything((page) => this.members.list(query(MemberQuery, page, { status: 'active' }))),
      everything((page) => this.users.list(Object.assign(new UserQuery(), { page, pageSize: 100, role: 'staff' }))),
      everything((page) => this.units.list(query(UnitQuery, page))),
    ]);
    const memberIds = new Set(picked.memberIds);
    // Each member once, under their first committee (the rest and the sector in the caption); those in none last.
    const groups = new Map<string, PickerPerson[]>();
    for (const m of members) {
      if (exclude.memberIds?.includes(m.id)) continue;
      const [first, ...others] = m.committees.map((c) => c.name);
      const person = {
        id: m.id,
        name: m.name,
        caption: [m.sectorName, ...others].join('，'),
        checked: memberIds.has(m.id),
        conflicts: conflicts.filter((c) => c.memberId === m.id),
      };
      const group = first ?? NO_COMMITTEE;
      groups.set(group, [...(groups.get(group) ?? []), person]);
    }
    const order = [...groups.keys()].sort((a, b) => Number(a === NO_COMMITTEE) - Number(b === NO_COMMITTEE));
    return {
      groups: order.map((name) => ({
        name,
        open: groups.get(name)!.some((p) => p.checked || p.conflicts.length),
        members: groups.get(name)!,
      })),
      staff: staff
        .filter((u) => !u.disabled && !exclude.userIds?.includes(u.id))
        .map((u) => ({
          id: u.id,
          name: u.displayName,
          caption: '',
          checked: picked.userIds.includes(u.id),
          conflicts: conflicts.filter((c) => c.userId === u.id),
        })),
      units: units.map((u) => ({ value: String(u.id), label: u.name })),
    };
  }
}
