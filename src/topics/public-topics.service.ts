import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Page, pageOf } from '../common/pagination';
import { PublicTopicQuery, PublicTopicView } from './dto/public-topic.dto';
import { byTheme, TopicViews } from './topic-views';
import { Outcome } from './topic.entities';
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
    const items = summaries.map((s) => ({
      id: s.id,
      title: s.title,
      levelLabel: s.levelLabel,
      organizer: s.organizer.name,
      statusLabel: s.statusLabel,
      publishedAt: s.publishedAt!,
      outcomesByTheme: byTheme(outcomeViews.filter((o) => o.topicId === s.id)).map((g) => ({
        theme: g.theme,
        outcomes: g.outcomes.map((o) => ({
          kindLabel: o.kindLabel,
          text: o.text,
          unit: o.unit?.name ?? null,
          statusLabel: o.statusLabel,
          feedback: o.feedback.filter((f) => f.text !== null).at(-1)?.text ?? null,
        })),
      })),
    }));
    return pageOf(items, page.total, q);
  }
}
