import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { VersionDto } from '../common/version.dto';
import { assertAllowed } from '../common/workflow';
import { Tx } from '../database/tx';
import { TopicView } from './dto/topic-view.dto';
import { AnswerDto } from './dto/topic.dto';
import { isOrganiser } from './topic-access';
import { TopicNotifier } from './topic-notifier';
import { TopicStore } from './topic-store';
import { TopicViews } from './topic-views';
import { BREACH_LABELS, check, PROMISE_CLOCKS, PromiseClock } from './topic-workflow';
import { Topic, TopicClock } from './topic.entities';
import { TOPIC_CONFIG, TopicConfig } from './topics.config';

/**
 * 响应承诺 (the "252" rule): the three clocks start at 出题 with the policy's durations; `acknowledge` stops 回应,
 * `answer` stops 答复 (and 回应, when it had not been), 解题 stops 解决. A clock missed is recorded once — by the
 * sweep at its time (`TopicDeadlines`) or by the step taken late, at the step's time — audited by 系统 in the
 * topic's history, and the point's facilitators and staff are told.
 */
@Injectable()
export class TopicPromises {
  constructor(
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly store: TopicStore,
    private readonly views: TopicViews,
    private readonly notifier: TopicNotifier,
    @Inject(TOPIC_CONFIG) private readonly config: TopicConfig,
  ) {}

  /** The configured policy of this code, or 400 naming the field. */
  policy(code: string) {
    const p = this.config.responsePolicies.get(code);
    if (!p)
      throw AppError.invalidField(
        'responsePolicy',
        `响应承诺须为 ${[...this.config.responsePolicies.keys()].join('、') || '（未配置）'} 之一`,
      );
    return p;
  }

  /** 出题: the topic's clocks, each due its policy's duration from `at`. */
  async start(em: EntityManager, t: Topic, at: Date): Promise<void> {
    const p = this.policy(t.responsePolicy!);
    await em.insert(
      TopicClock,
      PROMISE_CLOCKS.map((clock) => ({
        topicId: t.id,
        clock,
        dueAt: new Date(at.getTime() + p.durations[clock]),
        doneAt: null,
        doneByUserId: null,
        text: null,
        breachedAt: null,
      })),
    );
  }

  acknowledge(actor: Actor, id: number, dto: VersionDto): Promise<TopicView> {
    return this.act(actor, id, dto.version, 'acknowledge', null);
  }

  answer(actor: Actor, id: number, dto: AnswerDto): Promise<TopicView> {
    return this.act(actor, id, dto.version, 'answer', dto.text ?? null);
  }

  private act(
    actor: Actor,
    id: number,
    version: number | undefined,
    step: 'acknowledge' | 'answer',
    text: string | null,
  ): Promise<TopicView> {
    return this.tx.run(async (em) => {
      const t = await this.store.load(em, actor, id, version);
      const clocks = await this.clocksOf(em, t);
      const own = clocks.find((c) => c.clock === step);
      assertAllowed(
        check(t.status, step, {
          hasPromise: !!own,
          isOrganiser: isOrganiser(actor, t),
          text,
          clockDone: !!own?.doneAt,
        }),
      );
      const now = this.clock.now();
      const stopped = step === 'answer' ? clocks.filter((c) => c.clock !== 'solve' && !c.doneAt) : [own!];
      for (const c of stopped)
        await em.update(
          TopicClock,
          { id: c.id },
          { doneAt: now, doneByUserId: actor.id, ...(c.clock === step ? { text } : {}) },
        );
      await this.store.write(em, actor, t, {
        action: step,
        details: { late: own!.dueAt.getTime() < now.getTime() },
        comment: text,
      });
      for (const c of stopped) await this.breachIfLate(em, actor, t, c, now);
      return this.views.detail(em, t, actor);
    });
  }

  /** 解题 stops the 解决 clock of a topic with a promise (its write is the caller's). */
  async solve(em: EntityManager, actor: Actor, t: Topic, now: Date): Promise<void> {
    const c = (await this.clocksOf(em, t)).find((x) => x.clock === 'solve');
    if (!c || c.doneAt) return;
    await em.update(TopicClock, { id: c.id }, { doneAt: now, doneByUserId: actor.id });
    await this.breachIfLate(em, actor, t, c, now);
  }

  private async breachIfLate(em: EntityManager, actor: Actor, t: Topic, c: TopicClock, now: Date): Promise<void> {
    if (!c.breachedAt && c.dueAt.getTime() < now.getTime()) await this.breach(em, t, c, now, actor.id);
  }

  /**
   * Records `c` as missed at `at`, on the locked topic: the mark, an audit entry by 系统 and the notices.
   * `lateUserId`: whose late step found it (not told of it), or null for the sweep.
   */
  async breach(em: EntityManager, t: Topic, c: TopicClock, at: Date, lateUserId: number | null): Promise<void> {
    await em.update(TopicClock, { id: c.id }, { breachedAt: at });
    c.breachedAt = at;
    await this.store.write(em, null, t, {
      action: 'breach',
      details: { clock: c.clock, dueAt: c.dueAt.toISOString() },
      comment: BREACH_LABELS[c.clock as PromiseClock],
    });
    await this.notifier.breach(em, t, c.clock, c.dueAt, lateUserId);
  }

  private clocksOf(em: EntityManager, t: Topic): Promise<TopicClock[]> {
    return em.find(TopicClock, { where: { topicId: t.id }, order: { id: 'ASC' } });
  }
}
