import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The staff's view of the proposal list is `status <> 'draft' OR filedByUserId = :me` (all but drafts,
 * plus the group drafts they filed). No index held both columns, so the database read whole rows to
 * decide it. Measured with bench/proposals.js at 100k proposals on MariaDB:
 * - the unfiltered list (the staff's default page) counted by reading the whole table (~360 ms) and built
 *   its first page by a sort-union of the status and filer indexes and a filesort of 80k ids (~460 ms);
 *   with (status, filedByUserId) the count reads that index alone (~30 ms) and the page walks the primary
 *   key backwards, stopping after 20 rows (<1 ms);
 * - a session's list counted by reading the whole table (~85 ms); (sessionId, status, filedByUserId) lets
 *   it read that index's entries for the session alone (~6 ms).
 * The (sessionId, status) index stays: it is the one MariaDB intersects with another filter's index
 * (a rowid-ordered intersection needs equality on every column of both), without reading rows.
 */
export class ProposalScopeIndex1764200000420 implements MigrationInterface {
  name = 'ProposalScopeIndex1764200000420';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'proposals',
      new TableIndex({ name: 'IDX_proposals_status_filer', columnNames: ['status', 'filedByUserId'] }),
    );
    await q.createIndex(
      'proposals',
      new TableIndex({
        name: 'IDX_proposals_session_status_filer',
        columnNames: ['sessionId', 'status', 'filedByUserId'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('proposals', 'IDX_proposals_session_status_filer');
    await q.dropIndex('proposals', 'IDX_proposals_status_filer');
  }
}
