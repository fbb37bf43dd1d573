import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { id, int, optStr, str, time } from './builders';

/** Security events (等保 安全审计): sign-in, failures, lock-out, sign-out, refused requests; never purged. */
export class SecurityEvents1764600000100 implements MigrationInterface {
  name = 'SecurityEvents1764600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'security_events',
        columns: [
          id(),
          time('occurredAt'),
          str('type', 30),
          int('userId', { isNullable: true }),
          optStr('username', 100),
          str('ip', 64),
          optStr('userAgent', 200),
          optStr('detail', 500),
          optStr('requestId', 64),
        ],
        indices: [
          new TableIndex({ name: 'IDX_security_events_at', columnNames: ['occurredAt'] }),
          new TableIndex({ name: 'IDX_security_events_type_at', columnNames: ['type', 'occurredAt'] }),
          new TableIndex({ name: 'IDX_security_events_username', columnNames: ['username'] }),
          new TableIndex({ name: 'IDX_security_events_ip', columnNames: ['ip'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('security_events');
  }
}
