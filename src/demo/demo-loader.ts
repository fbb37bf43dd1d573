import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UsersService } from '../auth/users.service';
import { SYSTEM_ACTOR } from '../common/actor';
import { ConsultationPointsService } from '../directory/consultation-points.service';
import { Committee, Member, Sector } from '../directory/directory.entities';
import { MembersService } from '../directory/members.service';
import { SessionsService } from '../directory/sessions.service';
import { UnitsService } from '../directory/units.service';
import { DEMO_ACCOUNTS, DEMO_MEMBERS, DEMO_PASSWORD, DEMO_POINTS, DEMO_SESSIONS, DEMO_UNITS } from './demo-data';
import { DemoInstructionLoader } from './demo-instruction-loader';
import { DemoOpinionIssueLoader } from './demo-opinion-issue-loader';
import { DemoOpinionLoader } from './demo-opinion-loader';
import { DemoProposalLoader } from './demo-proposal-loader';
import { DemoReportLoader } from './demo-report-loader';
import { DemoTopicLoader } from './demo-topic-loader';
import { DemoVisitLoader } from './demo-visit-loader';

/**
 * Loads the demo data set through the same services the API uses, so every demo record
 * is validated and audited like a real one: the directory and accounts on a database without
 * members, then the demo proposals while there are none (DemoProposalLoader), then the demo topics
 * and the demo visits likewise (DemoTopicLoader, DemoVisitLoader); after initialisation the demo documents
 * (DemoReportLoader).
 */
@Injectable()
export class DemoLoader {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly ds: DataSource,
    private readonly users: UsersService,
    private readonly members: MembersService,
    private readonly units: UnitsService,
    private readonly points: ConsultationPointsService,
    private readonly sessions: SessionsService,
    private readonly proposals: DemoProposalLoader,
    private readonly topics: DemoTopicLoader,
    private readonly visits: DemoVisitLoader,
    private readonly reports: DemoReportLoader,
    private readonly instructions: DemoInstructionLoader,
    private readonly opinions: DemoOpinionLoader,
    private readonly opinionIssues: DemoOpinionIssueLoader,
  ) {}

  /** Loads what is missing; false when there was nothing to load. */
  async loadIfEmpty(): Promise<boolean> {
    const directory = await this.loadDirectoryIfEmpty();
    const proposals = await this.proposals.loadIfNone();
    const topics = await this.topics.loadIfNone();
    const visits = await this.visits.loadIfNone();
    // A year of 社情民意 with some 采用 (DemoOpinionLoader).
    const opinions = await this.opinions.loadIfNone();
    return directory || proposals || topics || visits || opinions;
  }

  /** The demo documents: they enqueue render jobs, so they load once the application is initialised. */
  async loadDocumentsIfNone(): Promise<boolean> {
    const reports = await this.reports.loadIfNone();
    // The issues of 《社情民意》 the items taken up went out in (DemoOpinionIssueLoader).
    const issues = await this.opinionIssues.loadIfNone();
    // The demo 领导批示 are on the delivered documents, one on an issue of 《社情民意》 (DemoInstructionLoader).
    const instructions = await this.instructions.loadIfNone();
    return reports || issues || instructions;
  }

  private async loadDirectoryIfEmpty(): Promise<boolean> {
    if ((await this.ds.getRepository(Member).count()) > 0) return false;
    const sectorIds = await this.idsByName(Sector);
    const committeeIds = await this.idsByName(Committee);
    const unitIds = new Map<string, number>();
    for (const unit of DEMO_UNITS) unitIds.set(unit.name, (await this.units.create(SYSTEM_ACTOR, unit)).id);
    const pointIds = new Map<string, number>();
    for (const point of DEMO_POINTS) pointIds.set(point.name, (await this.points.create(SYSTEM_ACTOR, point)).id);
    for (const s of DEMO_SESSIONS) await this.sessions.create(SYSTEM_ACTOR, s);
    const memberIds = new Map<string, number>();
    for (const [i, [name, gender, sector, committees, employer]] of DEMO_MEMBERS.entries()) {
      const created = await this.members.create(SYSTEM_ACTOR, {
        name,
        gender,
        sectorId: need(sectorIds, sector, '界别'),
        committeeIds: committees.map((c) => need(committeeIds, c, '专委会')),
        term: '第五届',
        phone: `139${String(95300000 + i * 7919).padStart(8, '0')}`,
        employer,
      });
      memberIds.set(name, created.id);
    }
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      await this.users.create(SYSTEM_ACTOR, {
        username: a.username,
        password: DEMO_PASSWORD,
        displayName: a.displayName,
        roles: [...a.roles],
        memberId: link(memberIds, 'member' in a ? a.member : undefined, '委员'),
        unitId: link(unitIds, 'unit' in a ? a.unit : undefined, '承办单位'),
        pointId: link(pointIds, 'point' in a ? a.point : undefined, '协商议事点'),
        // Contacts for 通知设置 (13800138xxx and example.gov.cn are reserved for examples: nothing real is reached).
        mobile: `1380013800${i + 1}`,
        email: `${a.username}@example.gov.cn`,
      });
    }
    this.logger.log(
      `已载入演示数据：${DEMO_UNITS.length} 个承办单位、${DEMO_POINTS.length} 个协商议事点、${DEMO_MEMBERS.length} 名委员、${DEMO_ACCOUNTS.length} 个演示账号（密码 ${DEMO_PASSWORD}）`,
    );
    return true;
  }

  private async idsByName(entity: typeof Sector | typeof Committee): Promise<Map<string, number>> {
    const rows = await this.ds.getRepository(entity).find({ select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.name, r.id]));
  }
}

function need(ids: Map<string, number>, name: string, what: string): number {
  const id = ids.get(name);
  if (id === undefined) throw new Error(`演示数据引用了不存在的${what}“${name}”`);
  return id;
}

function link(ids: Map<string, number>, name: string | undefined, what: string): number | undefined {
  return name === undefined ? undefined : need(ids, name, what);
}
