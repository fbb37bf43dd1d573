import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toActor } from '../auth/user-view';
import { User } from '../auth/user.entity';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { RENDER_JOB } from '../reports/render-jobs';
import { ReportRenderJob } from '../reports/report-render.job';
import { Report } from '../reports/report.entities';
import { ReportsService } from '../reports/reports.service';
import { ReportSignoffService } from '../reports/signoff/report-signoff.service';
import { Topic } from '../topics/topic.entities';
import { Visit } from '../visits/visit.entities';
import { demoInstant } from './demo-proposal-loader';

/** The report's current document, rendered now as its job would render it (the job, run later, finds it done). */
export async function renderNow(job: ReportRenderJob, reportId: number): Promise<void> {
  await job.render({
    queue: RENDER_JOB.queue,
    name: RENDER_JOB.name,
    id: `demo:${reportId}`,
    data: { reportId },
    attempt: 1,
    maxAttempts: 1,
  });
}

/**
 * The demo documents (issue 16): the 协商要报 of the 先锋大青葡萄 界别协商 and of the city's 盘活工业低效用地
 * consultation, each drafted, signed off by the demo leader and delivered to the leaders' 收文; and the 协商要报 of the 家政服务业 visit, drafted and
 * submitted, awaiting the leader's 签发. Played through the report services; the renders are run here, in
 * the start-up process, as the job would (the job runners start after start-up), so the demo opens with
 * the files there. Loads while there is no report and the demo topic and visit are present.
 */
@Injectable()
export class DemoReportLoader {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly ds: DataSource,
    private readonly reports: ReportsService,
    private readonly signoff: ReportSignoffService,
    private readonly renderJob: ReportRenderJob,
    private readonly clock: Clock,
  ) {}

  async loadIfNone(): Promise<boolean> {
    if ((await this.ds.getRepository(Report).count()) > 0) return false;
    const staff = await this.actor('staff');
    const leader = await this.actor('leader');
    const topic = await this.ds.getRepository(Topic).findOneBy({ title: '关于盘活工业低效用地的重点协商' });
    const grapes = await this.ds.getRepository(Topic).findOneBy({ title: '推动先锋大青葡萄产业高质量发展' });
    const visit = await this.ds.getRepository(Visit).findOneBy({ title: '家政服务业发展情况专题调研' });
    if (!staff || !leader || !topic || !grapes || !visit) return false;
    const now = this.clock.now();
    const at = (days: number, hh: number, mm: number) => demoInstant(now, days, hh * 60 + mm);

    // The 先锋大青葡萄 界别协商's 协商要报 three weeks ago, then the key consultation's two days ago: each drafted
    // and submitted one morning, signed and delivered the next afternoon (office hours, Beijing time).
    await this.signedAndDelivered(staff, leader, grapes.id, at(21, 9, 20), at(20, 15, 40));
    await this.signedAndDelivered(staff, leader, topic.id, at(2, 10, 10), at(1, 16, 5));
    await this.clock.runAt(at(0, 11, 30), async () => {
      const r = await this.reports.request(staff, { kind: 'briefing', subject: { type: 'visit', id: visit.id } });
      await this.render(r.id);
      await this.signoff.submit(staff, r.id);
    });
    this.logger.log('已载入演示文稿：两份已签发并送达的协商要报，一份待签发的协商要报');
    return true;
  }

  /** A topic's 协商要报 drafted and submitted by the office at `drafted`, signed by the leader and delivered at `signed`. */
  private async signedAndDelivered(staff: Actor, leader: Actor, topicId: number, drafted: Date, signed: Date) {
    const briefing = await this.clock.runAt(drafted, async () => {
      const r = await this.reports.request(staff, { kind: 'briefing', subject: { type: 'topic', id: topicId } });
      await this.render(r.id);
      await this.signoff.submit(staff, r.id);
      return r;
    });
    await this.clock.runAt(signed, async () => {
      await this.signoff.sign(leader, briefing.id);
      await this.render(briefing.id);
      await this.reports.deliver(staff, briefing.id, {
        leaderUserIds: (await this.reports.leaderAccounts()).map((l) => l.id),
      });
    });
  }

  private render(reportId: number): Promise<void> {
    return renderNow(this.renderJob, reportId);
  }

  private async actor(username: string): Promise<Actor | null> {
    const user = await this.ds.getRepository(User).findOneBy({ username });
    return user ? toActor(user) : null;
  }
}
