import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/** The in-app inbox. (userId, dedupeKey) is unique so that a job run twice notifies once. */
export class Notifications1764200000200 implements MigrationInterface {
  name = 'Notifications1764200000200';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'userId', type: 'int' },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'body', type: 'text' },
          { name: 'link', type: 'varchar', length: '500', isNullable: true },
          { name: 'dedupeKey', type: 'varchar', length: '191' },
          { name: 'readAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_notifications_user_dedupe',
            columnNames: ['userId', 'dedupeKey'],
            isUnique: true,
          }),
          new TableIndex({ name: 'IDX_notifications_user_read', columnNames: ['userId', 'readAt'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notifications');
  }
}
