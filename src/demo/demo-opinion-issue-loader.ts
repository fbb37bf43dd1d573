import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { toActor } from '../auth/user-view';
import { User } from '../auth/user.entity';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { OpinionAdoption } from '../opinions/opinion-adoption.entity';
import { OpinionIssuesService } from '../opinions/opinion-issues.service';
import { Opinion } from '../opinions/opinion.entities';
import { ReportRenderJob } from '../reports/report-render.job';
import { Report } from '../reports/report.entities';
import { ReportSignoffService } from '../reports/signoff/report-signoff.service';
import { renderNow } from './demo-report-loader';

const DAY_MS = 86_400_000;

/**
 * The demo issues of 《社情民意》 (issue 18): every item an upper body took up went out in an issue first, as in an
 * office's real year — taken in the order they were accepted, two at a time into a 综合 issue, and the one an
 * upper body took up alone as a 专报; each compiled the day after the later item's 采用编报, 签发 by the demo
 * leader and delivered to the leaders the day after (so before the upper body's 采用). The renders run here, as
 * the demo documents' do. Loads when there is no issue and the demo items are there.
 */
@Injectable()
export class DemoOpinionIssueLoader {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly ds: DataSource,
    private readonly issues: OpinionIssuesService,
    private readonly signoff: ReportSignoffService,
    private readonly renderJob: ReportRenderJob,
    private readonly clock: Clock,
  ) {}

  async loadIfNone(): Promise<boolean> {
    if ((await this.ds.getRepository(Report).countBy({ kind: 'opinion-issue' })) > 0) return false;
    const staff = await this.actor('staff');
    const leader = await this.actor('leader');
    const adoptedIds = (await this.ds.getRepository(OpinionAdoption).find()).map((a) => a.opinionId);
    if (!staff || !leader || !adoptedIds.length) return false;
    const items = await this.ds.getRepository(Opinion).find({
      where: { id: In([...new Set(adoptedIds)]), status: 'accepted' },
      order: { reviewedAt: 'ASC', id: 'ASC' },
    });
    const groups = issueGroups(items);
    for (const group of groups) {
      const accepted = Math.max(...group.map((o) => o.reviewedAt!.getTime()));
      const report = await this.clock.runAt(new Date(accepted + DAY_MS), async () => {
        const issue = await this.issues.compile(staff, {
          opinionIds: group.map((o) => o.id),
          form: group.length === 1 ? 'special' : 'combined',
        });
        await renderNow(this.renderJob, issue.report.id);
        await this.signoff.submit(staff, issue.report.id);
        return issue.report.id;
      });
      await this.clock.runAt(new Date(accepted + 2 * DAY_MS), async () => {
        await this.signoff.sign(leader, report);
        await renderNow(this.renderJob, report);
        await this.issues.deliver(staff, report);
      });
    }
    this.logger.log(`已载入演示《社情民意》：${groups.length} 期`);
    return true;
  }

  private async actor(username: string): Promise<Actor | null> {
    const user = await this.ds.getRepository(User).findOneBy({ username });
    return user ? toActor(user) : null;
  }
}

/**
 * Items in the order accepted, paired into 综合 issues while the next was accepted within a fortnight of the first
 * (so both went out before either was taken up), else a 专报 of one.
 */
export function issueGroups(items: Opinion[]): Opinion[][] {
  const groups: Opinion[][] = [];
  for (let i = 0; i < items.length; i++) {
    const next = items[i + 1];
    if (next && next.reviewedAt!.getTime() - items[i].reviewedAt!.getTime() <= 14 * DAY_MS) {
      groups.push([items[i], next]);
      i++;
    } else groups.push([items[i]]);
  }
  return groups;
}
