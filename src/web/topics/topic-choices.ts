import { Inject, Injectable } from '@nestjs/common';
import { Actor, hasRole } from '../../common/actor';
import { Clock } from '../../common/clock';
import { wallClock } from '../../common/time-zone';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ConsultationPointQuery } from '../../directory/consultation-points.dto';
import { ConsultationPointsService } from '../../directory/consultation-points.service';
import { DirectoryQuery } from '../../directory/directory.dto';
import { NamedListService } from '../../directory/named-list.service';
import { MEETING_KINDS, PARTICIPANT_SIDES, ParticipantSide } from '../../topics/meeting.entities';
import { OUTCOME_KINDS } from '../../topics/outcome.entities';
import {
  LEVEL_LABELS,
  MEETING_KIND_LABELS,
  ORGANIZER_TYPE_LABELS,
  OUTCOME_KIND_LABELS,
  SIDE_LABELS,
  SOURCE_LABELS,
} from '../../topics/topic-labels';
import { TOPIC_LEVELS, TOPIC_SOURCES } from '../../topics/topic.entities';
import { DirectoryChoices, everything, options, query } from '../kit/directory-choices';
import { Option } from '../kit/layout';

const sides = (list: ParticipantSide[]): Option[] => list.map((s) => ({ value: s, label: SIDE_LABELS[s] }));

/** The fixed choices of the topic forms, labelled as the API labels them. */
export const TOPIC_OPTIONS = {
  levels: options(TOPIC_LEVELS, LEVEL_LABELS),
  sources: options(TOPIC_SOURCES, SOURCE_LABELS),
  meetingKinds: options(MEETING_KINDS, MEETING_KIND_LABELS),
  outcomeKinds: options(OUTCOME_KINDS, OUTCOME_KIND_LABELS),
  sides: options(PARTICIPANT_SIDES, SIDE_LABELS),
  /** A unit at a meeting: a department, an enterprise (the property company), a party to the matter. */
  unitSides: sides(['department', 'enterprise', 'stakeholder', 'organizer', 'other']),
  /** People by name: the 四方 of a community meeting, and experts. */
  peopleSides: sides(['resident', 'party_member', 'organizer', 'stakeholder', 'expert', 'other']),
  scores: [5, 4, 3, 2, 1].map((n) => ({
    value: String(n),
    label: `${n} 分${n === 5 ? '（很满意）' : n === 1 ? '（很不满意）' : ''}`,
  })),
  attendance: [
    { value: 'present', label: '出席' },
    { value: 'excused', label: '请假' },
    { value: 'absent', label: '缺席' },
  ],
} satisfies Record<string, Option[]>;

/** `point:3` ↔ the organiser it names. */
export const organizerValue = (type: string, id: number): string => `${type}:${id}`;

/** The choices the topic pages offer, from the directory through its services. */
@Injectable()
export class TopicChoices {
  constructor(
    private readonly directory: DirectoryChoices,
    private readonly lists: NamedListService,
    private readonly points: ConsultationPointsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  units = (): Promise<Option[]> => this.directory.units();

  /** Every committee, sector and consultation point in use, as `type:id` (a facilitator raising a topic: their own point only). */
  async organizers(raisingAs?: Actor): Promise<Option[]> {
    const all = (kind: 'committee' | 'sector') =>
      everything((page) => this.lists.list(kind, query(DirectoryQuery, page)));
    const points = await everything((page) => this.points.list(query(ConsultationPointQuery, page)));
    const pointOptions = points.map((p) => ({
      value: organizerValue('point', p.id),
      label: `${ORGANIZER_TYPE_LABELS.point}：${p.name}`,
    }));
    if (raisingAs && !hasRole(raisingAs, 'staff', 'member'))
      return pointOptions.filter((o) => o.value === organizerValue('point', raisingAs.pointId ?? 0));
    const named = async (kind: 'committee' | 'sector') =>
      (await all(kind)).map((r) => ({
        value: organizerValue(kind, r.id),
        label: `${ORGANIZER_TYPE_LABELS[kind]}：${r.name}`,
      }));
    return [...(await named('committee')), ...(await named('sector')), ...pointOptions];
  }

  /** This year and the four before, on the display calendar. */
  years(): Option[] {
    const year = wallClock(this.clock.now(), this.config.displayTimeZone).getUTCFullYear();
    return [0, 1, 2, 3, 4].map((k) => ({ value: String(year - k), label: `${year - k}年` }));
  }
}
