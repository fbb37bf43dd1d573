import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { toActor } from '../auth/user-view';
import { User } from '../auth/user.entity';
import { UsersService } from '../auth/users.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { Clock } from '../common/clock';
import { Committee, Member, Unit } from '../directory/directory.entities';
import { CreateVisitDto } from '../visits/dto/visit.dto';
import { VisitParticipantsService } from '../visits/visit-participants.service';
import { VisitRecordsService } from '../visits/visit-records.service';
import { Visit } from '../visits/visit.entities';
import { VisitsService } from '../visits/visits.service';
import { DEMO_PASSWORD } from './demo-data';
import { demoVisitPhotos } from './demo-photos';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Members who answer invitations in the demo, each with an account (the same demo password). */
const VISIT_MEMBERS = [
  { username: 'wangjianjun', member: '王建军' },
  { username: 'linzhiqiang', member: '林志强' },
  { username: 'caohuimin', member: '曹慧敏' },
  { username: 'member', member: '张文华' },
  { username: 'yangxiuying', member: '杨秀英' },
  { username: 'fengjianshe', member: '冯建设' },
] as const;

function known(ids: Map<string, number>, name: string, what: string): number {
  const id = ids.get(name);
  if (id === undefined) throw new Error(`演示数据引用了不存在的${what}“${name}”`);
  return id;
}

/** `daysFromToday` at `hh:mm` Beijing time, from the Clock's today. */
function beijing(now: Date, daysFromToday: number, hh: number, mm = 0): Date {
  const day = Math.floor((now.getTime() + 8 * HOUR_MS) / DAY_MS) + daysFromToday;
  return new Date(day * DAY_MS - 8 * HOUR_MS + hh * HOUR_MS + mm * 60_000);
}

/**
 * The demo visits 视察调研, played through the visit services with the Clock at each step's time:
 * the 经济和资源环境委员会's 家政 research visit, done a month ago with its answers and findings; a
 * 养老 inspection next week to which the demo `member` (张文华) is invited and has not answered; and a
 * cancelled one. Loads while there is no visit and the demo directory is present.
 */
@Injectable()
export class DemoVisitLoader {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly visits: VisitsService,
    private readonly participants: VisitParticipantsService,
    private readonly records: VisitRecordsService,
  ) {}

  async loadIfNone(): Promise<boolean> {
    if ((await this.ds.getRepository(Visit).count()) > 0) return false;
    const staffUser = await this.ds.getRepository(User).findOneBy({ username: 'staff' });
    if (!staffUser || !(await this.ds.getRepository(Member).existsBy({ name: '张文华' }))) return false;
    const staff = toActor(staffUser);
    const people = await this.memberAccounts();
    const committees = new Map((await this.ds.getRepository(Committee).find()).map((c) => [c.name, c.id]));
    const units = new Map((await this.ds.getRepository(Unit).find()).map((u) => [u.name, u.id]));
    const committee = (name: string) => known(committees, name, '专委会');
    const unit = (name: string) => known(units, name, '承办单位');
    const now = this.clock.now();
    const at = (days: number, hh: number, mm = 0) => beijing(now, days, hh, mm);
    const iso = (d: Date) => d.toISOString();

    // 1. 家政服务业发展情况专题调研: planned six weeks ago, held a month ago, findings recorded, completed.
    const jz = await this.clock.runAt(at(-42, 10), () =>
      this.visits.create(staff, {
        kind: 'research',
        title: '家政服务业发展情况专题调研',
        purpose:
          '了解我市家政服务业发展现状，重点掌握家政服务员培训、持证上岗和行业诚信体系建设情况，为推动家政服务业提质扩容提出意见建议。',
        organizer: { type: 'committee', id: committee('经济和资源环境委员会') },
        startsAt: iso(at(-30, 8, 30)),
        endsAt: iso(at(-30, 12)),
        stops: [
          {
            at: iso(at(-30, 8, 30)),
            place: '大武口区家政龙头企业',
            contact: '王经理 0952-2012345',
            purpose: '参观培训基地，了解家政服务员培训和持证上岗情况',
          },
          {
            at: iso(at(-30, 10, 30)),
            place: '石嘴山市家政服务行业协会',
            contact: '李会长 0952-2016688',
            purpose: '座谈：行业标准、信用档案与纠纷调处',
          },
        ],
        participantMemberIds: [
          people.get('王建军')!.memberId!,
          people.get('林志强')!.memberId!,
          people.get('曹慧敏')!.memberId!,
          people.get('张文华')!.memberId!,
        ],
        participantUserIds: [staff.id],
        invitedUnitPeople: [{ unitId: unit('市商务局'), name: '丁丽' }],
      } as CreateVisitDto),
    );
    await this.clock.runAt(at(-40, 9), () =>
      this.participants.rsvp(people.get('王建军')!, jz.id, { answer: 'accept' }),
    );
    await this.clock.runAt(at(-39, 15), () =>
      this.participants.rsvp(people.get('林志强')!, jz.id, { answer: 'accept' }),
    );
    await this.clock.runAt(at(-38, 11), () =>
      this.participants.rsvp(people.get('张文华')!, jz.id, { answer: 'accept' }),
    );
    await this.clock.runAt(at(-37, 16), () =>
      this.participants.rsvp(people.get('曹慧敏')!, jz.id, {
        answer: 'decline',
        reason: '当天赴银川参加自治区分行年中工作会议',
      }),
    );
    await this.clock.runAt(at(-36, 9), () => this.participants.rsvp(staff, jz.id, { answer: 'accept' }));
    const [first, second] = jz.stops;
    const findings = [
      {
        stopId: first.id,
        problem: '家政服务员持证上岗率不足四成，培训以短期速成为主，育婴、养老护理等专项技能培训供给不足。',
        suggestion:
          '依托职业院校和龙头企业建设实训基地，推行“培训—考证—上岗”一体化，对取得职业技能等级证书的给予培训补贴。',
        theme: '技能培训',
      },
      {
        stopId: first.id,
        problem: '员工制家政企业社保负担重，多数企业采用中介制，服务质量难以统一管理。',
        suggestion: '对吸纳就业困难人员的员工制家政企业落实社保补贴，培育 3 家以上本地家政品牌。',
        theme: '企业培育',
      },
      {
        stopId: second.id,
        problem: '行业服务标准不统一、价格不透明，消费纠纷调处渠道不畅。',
        suggestion: '制定家政服务地方标准，推广合同示范文本，建立家政服务人员信用档案和“一人一码”查询。',
        theme: '标准和信用',
      },
    ];
    for (const [i, f] of findings.entries()) {
      const v = await this.visits.get(staff, jz.id);
      await this.clock.runAt(at(-30, 12, 30 + i * 5), () =>
        this.records.addFinding(staff, jz.id, { ...f, version: v.version }),
      );
    }
    // Two pictures of the day, drawn by demo-photos.ts (the demo downloads nothing), uploaded as the staff would.
    for (const [i, photo] of demoVisitPhotos().entries())
      await this.clock.runAt(at(-30, 12, 50 + i * 2), () =>
        this.records.addPhoto(staff, jz.id, {
          originalname: photo.name,
          buffer: photo.bytes,
          size: photo.bytes.length,
        }),
      );
    await this.clock.runAt(at(-30, 13), async () =>
      this.visits.complete(staff, jz.id, { version: (await this.visits.get(staff, jz.id)).version }),
    );

    // 2. 养老服务体系建设情况视察: next week; 张文华 (the demo member) has yet to answer.
    const yl = await this.clock.runAt(at(-3, 16), () =>
      this.visits.create(staff, {
        kind: 'inspection',
        title: '养老服务体系建设情况视察',
        purpose: '视察社区居家养老服务中心和医养结合机构运行情况，听取民政部门工作汇报，推动养老服务设施补短板。',
        organizer: { type: 'committee', id: committee('社会和法制委员会') },
        startsAt: iso(at(7, 9)),
        endsAt: iso(at(7, 16, 30)),
        stops: [
          {
            at: iso(at(7, 9)),
            place: '利通区金星镇社区居家养老服务中心',
            contact: '马主任 0953-2021133',
            purpose: '查看助餐、日间照料和智慧养老平台运行情况',
          },
          {
            at: iso(at(7, 11)),
            place: '市第二人民医院医养结合中心',
            contact: '周院长',
            purpose: '了解医养结合服务和长期护理保险试点情况',
          },
          {
            at: iso(at(7, 14, 30)),
            place: '市民政局',
            contact: '金宏 0953-2011007',
            purpose: '座谈：听取养老服务体系建设工作汇报',
          },
        ],
        participantMemberIds: [
          people.get('张文华')!.memberId!,
          people.get('王建军')!.memberId!,
          people.get('杨秀英')!.memberId!,
        ],
        participantUserIds: [staff.id],
        invitedUnitPeople: [{ unitId: unit('市民政局'), name: '金宏' }],
      } as CreateVisitDto),
    );
    await this.clock.runAt(at(-2, 10), () =>
      this.participants.rsvp(people.get('王建军')!, yl.id, { answer: 'accept' }),
    );
    await this.clock.runAt(at(-2, 14), () =>
      this.participants.rsvp(people.get('杨秀英')!, yl.id, {
        answer: 'decline',
        reason: '当天在乡镇开展农技培训，已提前安排',
      }),
    );

    // 3. 农村人居环境整治调研: cancelled.
    const nc = await this.clock.runAt(at(-10, 10), () =>
      this.visits.create(staff, {
        kind: 'research',
        title: '农村人居环境整治提升情况调研',
        purpose: '了解农村厕所革命、生活垃圾和污水治理进展。',
        organizer: { type: 'committee', id: committee('农业和农村委员会') },
        startsAt: iso(at(12, 9)),
        endsAt: iso(at(12, 17)),
        stops: [
          {
            at: iso(at(12, 9, 30)),
            place: '青铜峡市叶盛镇',
            contact: '镇政府办公室',
            purpose: '查看户厕改造和污水处理站运行',
          },
        ],
        participantMemberIds: [people.get('杨秀英')!.memberId!, people.get('冯建设')!.memberId!],
      } as CreateVisitDto),
    );
    await this.clock.runAt(at(-1, 9), async () =>
      this.visits.cancel(staff, nc.id, {
        version: (await this.visits.get(staff, nc.id)).version,
        reason: '与市政协常委会会议时间冲突，另行安排',
      }),
    );
    this.logger.log('已载入演示视察调研 3 次');
    return true;
  }

  /** The answering members' accounts, made where missing, as actors by member name. */
  private async memberAccounts(): Promise<Map<string, Actor>> {
    const members = new Map(
      (await this.ds.getRepository(Member).find({ where: { name: In(VISIT_MEMBERS.map((m) => m.member)) } })).map(
        (m) => [m.name, m.id],
      ),
    );
    const out = new Map<string, Actor>();
    for (const a of VISIT_MEMBERS) {
      const memberId = members.get(a.member);
      if (memberId === undefined) throw new Error(`演示数据引用了不存在的委员“${a.member}”`);
      let user = await this.ds.getRepository(User).findOneBy({ memberId });
      if (!user) {
        await this.users.create(SYSTEM_ACTOR, {
          username: a.username,
          password: DEMO_PASSWORD,
          displayName: a.member,
          roles: ['member'],
          memberId,
        });
        user = await this.ds.getRepository(User).findOneByOrFail({ memberId });
      }
      out.set(a.member, toActor(user));
    }
    return out;
  }
}
