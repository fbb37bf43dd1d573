import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';
import { bool, fk, id, index, int, optStr, optTime, str, text, time, unique } from './builders';

/**
 * Notices by e-mail and SMS (issue 19): each account's mobile and e-mail, its notice preferences, and one delivery
 * record per notice and channel, written by the dispatcher after the notice's own transaction committed.
 */
export class NoticeChannels1764900000000 implements MigrationInterface {
  name = 'NoticeChannels1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('users', [new TableColumn(optStr('mobile', 20)), new TableColumn(optStr('email', 120))]);
    await q.createIndex('users', new TableIndex({ name: 'UQ_users_mobile', columnNames: ['mobile'], isUnique: true }));
    await q.addColumns('notifications', [
      new TableColumn(bool('urgent')),
      new TableColumn(optTime('dueAt')),
      new TableColumn(optTime('dispatchedAt')),
    ]);
    await q.createIndex(
      'notifications',
      new TableIndex({ name: 'IDX_notifications_dispatch', columnNames: ['dispatchedAt'] }),
    );
    await q.createTable(
      new Table({
        name: 'notice_preferences',
        columns: [int('userId', { isPrimary: true }), text('settings'), time('updatedAt', { default: nowDefault(q) })],
        foreignKeys: [fk('userId', 'users')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          id(),
          int('notificationId'),
          int('userId'),
          str('channel', 10),
          optStr('address', 120),
          str('status', 10),
          optStr('reason', 20),
          time('notBefore'),
          int('attempts', { default: 0 }),
          optStr('answer', 500),
          optStr('providerMessageId', 100),
          optTime('sentAt'),
          time('createdAt', { default: nowDefault(q) }),
          time('updatedAt', { default: nowDefault(q) }),
        ],
        foreignKeys: [fk('notificationId', 'notifications'), fk('userId', 'users')],
        indices: [unique('notificationId', 'channel'), index('status', 'notBefore'), index('userId', 'status')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notification_deliveries');
    await q.dropTable('notice_preferences');
    await q.dropIndex('notifications', 'IDX_notifications_dispatch');
    await q.dropColumns('notifications', ['urgent', 'dueAt', 'dispatchedAt']);
    await q.dropIndex('users', 'UQ_users_mobile');
    await q.dropColumns('users', ['mobile', 'email']);
  }
}
