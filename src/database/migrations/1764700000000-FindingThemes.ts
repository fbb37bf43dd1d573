import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A visit finding's 主题 (资金保障, 管理机制 …): the briefing groups the visit's suggestions by it. Nullable, so
 * the findings recorded before keep their place (grouped by the stop they were made at).
 */
export class FindingThemes1764700000000 implements MigrationInterface {
  name = 'FindingThemes1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      q.connection.options.type === 'mysql'
        ? 'ALTER TABLE `visit_findings` ADD COLUMN `theme` varchar(40) NULL'
        : 'ALTER TABLE "visit_findings" ADD COLUMN "theme" varchar(40)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('visit_findings', 'theme');
  }
}
