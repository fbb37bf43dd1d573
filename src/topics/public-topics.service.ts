import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Page, pageOf } from '../common/pagination';
import { PublicTopicQuery, PublicTopicView } from './dto/public-topic.dto';
import type { OutcomeView, TopicSummaryView } from './dto/topic-view.dto';
import { notFound } from './topic-access';
import { byTheme, TopicViews } from './topic-views';
import { Outcome, Topic } from './topic.entities';
import { TopicsQuery } from './topics-query';

/** 公开的协商议题 and their outcomes, for anonymous readers (API and the public page). */
@Injectable()
export class PublicTopicsService {
  constructor(
    private readonly ds: DataSource,
    private readonly query: TopicsQuery,
    private readonly views: TopicViews,
  ) {}

  async list(q: PublicTopicQuery): Promise<Page<PublicTopicView>> {
    const page = await this.query.publicPage(q);
    if (!page.items.length) return pageOf([], page.total, q);
    const em = this.ds.manager;
    const outcomes = await em.find(Outcome, {
      where: { topicId: In(page.items.map((t) => t.id)) },
      order: { topicId: 'ASC', themeOrder: 'ASC', position: 'ASC' },
    });
    const [summaries, outcomeViews] = await Promise.all([
      this.views.summaries(em, page.items),
      this.views.outcomes(em, outcomes),
    ]);
    const items = summaries.map((s) => publicView(s, outcomeViews));
    return pageOf(items, page.total, q);
  }

  /** One published topic (the page a 公示单's QR code leads to); one not published does not exist here (404). */
  async get(id: number): Promise<PublicTopicView> {
    const em = this.ds.manager;
    const topic = await em.findOneBy(Topic, { id, published: true });
    if (!topic) throw notFound();
    const outcomes = await em.find(Outcome, {
      where: { topicId: id },
      order: { themeOrder: 'ASC', position: 'ASC' },
    });
    const [[summary], outcomeViews] = await Promise.all([
      this.views.summaries(em, [topic]),
      this.views.outcomes(em, outcomes),
    ]);
    return publicView(summary, outcomeViews);
  }
}

/** What the public sees of a published topic: its outcomes by theme, nothing of who took part or how they judged it. */
function publicView(s: TopicSummaryView, outcomes: OutcomeView[]): PublicTopicView {
  return {
    id: s.id,
    title: s.title,
    levelLabel: s.levelLabel,
    organizer: s.organizer.name,
    statusLabel: s.statusLabel,
    publishedAt: s.publishedAt!,
    outcomesByTheme: byTheme(outcomes.filter((o) => o.topicId === s.id)).map((g) => ({
      theme: g.theme,
      outcomes: g.outcomes.map((o) => ({
        kindLabel: o.kindLabel,
        text: o.text,
        unit: o.unit?.name ?? null,
        statusLabel: o.statusLabel,
        feedback: o.feedback.filter((f) => f.text !== null).at(-1)?.text ?? null,
      })),
    })),
  };
}
