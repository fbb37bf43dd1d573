import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';

export class Attachments1764200000300 implements MigrationInterface {
  name = 'Attachments1764200000300';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'attachments',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'ownerType', type: 'varchar', length: '30' },
          { name: 'ownerId', type: 'int' },
          { name: 'name', type: 'varchar', length: '255' },
          { name: 'mime', type: 'varchar', length: '100' },
          { name: 'bytes', type: 'int' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'uploadedById', type: 'int' },
          { name: 'createdAt', type: 'datetime', precision: 3, default: nowDefault(q) },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['uploadedById'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [new TableIndex({ columnNames: ['ownerType', 'ownerId'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('attachments');
  }
}
