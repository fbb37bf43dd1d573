import { EntityManager } from 'typeorm';
import { OpinionContributor } from './opinion.entities';

/** A contributor as written: a member, or a group's or organisation's name. */
export interface ContributorInput {
  memberId?: number;
  organisationName?: string;
}

/** The contributors of a new item (or its new list), numbered from 1 in the order given. */
export async function writeContributors(em: EntityManager, opinionId: number, list: ContributorInput[]): Promise<void> {
  if (!list.length) return;
  await em.insert(
    OpinionContributor,
    list.map((c, i) => ({
      opinionId,
      position: i + 1,
      memberId: c.memberId ?? null,
      organisationName: c.organisationName ?? null,
      sourceOpinionId: null,
    })),
  );
}
