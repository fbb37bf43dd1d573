import { Injectable } from '@nestjs/common';
import { ConsultationPointQuery } from '../../directory/consultation-points.dto';
import { ConsultationPointsService } from '../../directory/consultation-points.service';
import { DirectoryQuery } from '../../directory/directory.dto';
import { NamedListService } from '../../directory/named-list.service';
import { ORGANIZER_TYPE_LABELS } from '../../topics/topic-labels';
import type { OrganizerType } from '../../topics/topic.entities';
import type { Option } from './layout';

/** An organiser chosen in a form: one select whose values read `point:3`, `committee:2`, `sector:5`. */
export function organizerOf(value: string): { type: OrganizerType; id: number } | undefined {
  const m = /^(point|committee|sector):(\d{1,10})$/.exec(value);
  return m ? { type: m[1] as OrganizerType, id: Number(m[2]) } : undefined;
}

/** The organisers the consultation forms offer: consultation points, committees and sectors in use (first 100 of each). */
@Injectable()
export class OrganizerChoices {
  constructor(
    private readonly points: ConsultationPointsService,
    private readonly lists: NamedListService,
  ) {}

  async organizers(): Promise<Option[]> {
    const query = <Q extends DirectoryQuery>(q: Q) => Object.assign(q, { page: 1, pageSize: 100 });
    const [points, committees, sectors] = await Promise.all([
      this.points.list(query(new ConsultationPointQuery())),
      this.lists.list('committee', query(new DirectoryQuery())),
      this.lists.list('sector', query(new DirectoryQuery())),
    ]);
    const of = (type: OrganizerType, rows: { id: number; name: string }[]) =>
      rows.map((r) => ({ value: `${type}:${r.id}`, label: `${ORGANIZER_TYPE_LABELS[type]}：${r.name}` }));
    return [...of('point', points.items), ...of('committee', committees.items), ...of('sector', sectors.items)];
  }
}
