import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toActor } from '../auth/user-view';
import { User } from '../auth/user.entity';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { Unit } from '../directory/directory.entities';
import { addDays } from '../instructions/instruction-workflow';
import { Instruction } from '../instructions/instruction.entities';
import { InstructionsService } from '../instructions/instructions.service';
import { Report, ReportDelivery } from '../reports/report.entities';
import { demoInstant } from './demo-proposal-loader';

/** The delivered 协商要报 the demo 批示 are on, by their topics' subjects in the title. */
const GRAPES = '先锋大青葡萄';
const LAND = '盘活工业低效用地';
/** The 专报 of 《社情民意》 a 副市长 instructed on (DemoOpinionIssueLoader compiles it). */
const GREENHOUSES = '设施农业大棚闲置';

/**
 * The demo 领导批示 (issue 18): on the 先锋大青葡萄 协商要报 (delivered three weeks ago) a 副市长's 批示 received on
 * paper, handed to 市自然资源局, reported and accepted — carried out; on the 专报 of 《社情民意》 on idle greenhouses
 * another 副市长's on paper, carried out the same way (the item's contributors hear both); on the 盘活工业低效用地
 * 协商要报 (delivered yesterday) the demo leader's own 批示 this morning, handed to 市自然资源局 and still open in its 待办. Played
 * through InstructionsService at their times; loads once the documents are there and no 批示 is.
 */
@Injectable()
export class DemoInstructionLoader {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly ds: DataSource,
    private readonly instructions: InstructionsService,
    private readonly clock: Clock,
  ) {}

  async loadIfNone(): Promise<boolean> {
    if ((await this.ds.getRepository(Instruction).count()) > 0) return false;
    const staff = await this.actor('staff');
    const leader = await this.actor('leader');
    const unit = await this.actor('unit');
    const grapes = await this.delivered(GRAPES);
    const land = await this.delivered(LAND);
    const greenhouses = await this.delivered(GREENHOUSES);
    const unitRow = await this.ds.getRepository(Unit).findOneBy({ name: '市自然资源局' });
    if (!staff || !leader || !unit || !grapes || !land || !greenhouses || !unitRow) return false;
    const now = this.clock.now();
    const at = (days: number, hh: number, mm: number) => demoInstant(now, days, hh * 60 + mm);

    const paper = await this.clock.runAt(at(18, 9, 40), async () => {
      const i = await this.instructions.record(staff, {
        target: { type: 'report', id: grapes },
        text: '葡萄产业是我市特色优势产业，请市自然资源局对冷库、分拣中心等设施农业用地优先保障，有关情况及时报市政府。',
        leaderLevel: '副市长',
        leaderName: '张明',
        instructedOn: this.instructions.today(),
      });
      return this.instructions.addItem(staff, i.id, {
        unitId: unitRow.id,
        task: '梳理先锋大青葡萄产区冷库、分拣中心用地需求，纳入年度设施农业用地保障清单',
        dueOn: addDays(this.instructions.today(), 14),
      });
    });
    await this.clock.runAt(at(9, 15, 20), () =>
      this.instructions.step(unit, paper.id, 'report', {
        text: '已梳理用地需求12宗、38亩，全部纳入年度设施农业用地保障清单，其中9宗已完成备案。',
      }),
    );
    await this.clock.runAt(at(8, 10, 0), () => this.instructions.step(staff, paper.id, 'accept', {}));

    // On the 专报 of 《社情民意》 on idle greenhouses: a 副市长's 批示 on paper, carried out — its contributors told.
    const idle = await this.clock.runAt(at(35, 9, 30), async () => {
      const i = await this.instructions.record(staff, {
        target: { type: 'report', id: greenhouses },
        text: '反映的问题很实在。请市自然资源局会同市农业农村局摸清闲置大棚底数，拿出盘活办法。',
        leaderLevel: '副市长',
        leaderName: '李建华',
        instructedOn: this.instructions.today(),
      });
      return this.instructions.addItem(staff, i.id, {
        unitId: unitRow.id,
        task: '对闲置设施农业大棚摸底造册，制定托管、租赁盘活方案',
        dueOn: addDays(this.instructions.today(), 20),
      });
    });
    await this.clock.runAt(at(20, 16, 10), () =>
      this.instructions.step(unit, idle.id, 'report', {
        text: '已摸清闲置大棚136栋，制定托管、租赁盘活方案，首批42栋已由合作社托管经营。',
      }),
    );
    await this.clock.runAt(at(19, 9, 45), () => this.instructions.step(staff, idle.id, 'accept', {}));

    const own = await this.clock.runAt(at(0, 9, 15), () =>
      this.instructions.record(leader, {
        target: { type: 'report', id: land },
        text: '协商成果很有针对性。请市自然资源局牵头，会同有关部门抓紧制定低效工业用地分类处置办法，按期报送进展。',
        leaderLevel: '市政协副主席',
      }),
    );
    await this.clock.runAt(at(0, 10, 30), () =>
      this.instructions.addItem(staff, own.id, {
        unitId: unitRow.id,
        task: '制定低效工业用地分类处置办法（征求意见稿）',
        dueOn: addDays(this.instructions.today(), 30),
      }),
    );
    this.logger.log('已载入演示批示：两件已落实的纸质批示（一件在《社情民意》上），一件交办中的批示');
    return true;
  }

  /** The delivered report whose title names `subject`. */
  private async delivered(subject: string): Promise<number | null> {
    const reports = await this.ds.getRepository(Report).find({ order: { id: 'ASC' } });
    for (const r of reports)
      if (r.title.includes(subject) && (await this.ds.getRepository(ReportDelivery).existsBy({ reportId: r.id })))
        return r.id;
    return null;
  }

  private async actor(username: string): Promise<Actor | null> {
    const user = await this.ds.getRepository(User).findOneBy({ username });
    return user ? toActor(user) : null;
  }
}
