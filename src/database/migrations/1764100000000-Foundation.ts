import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/* Dialect-neutral column builders: the same migration runs on MySQL/MariaDB and SQLite. */
const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  ...extra,
});
const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'int',
  ...extra,
});
const time = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  ...extra,
});
const text = (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: false });
/** Create/update stamps default to the database clock, as TypeORM's @CreateDateColumn expects. */
const stamps = (now: string): TableColumnOptions[] => [
  time('createdAt', { default: now }),
  time('updatedAt', { default: now }),
  int('version'),
];
export const nowDefault = (q: QueryRunner): string =>
  q.connection.options.type === 'mysql' ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
const fk = (column: string, table: string): TableForeignKey =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'] });

export class Foundation1764100000000 implements MigrationInterface {
  name = 'Foundation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const now = nowDefault(q);
    const named = (name: string, length: number) => [
      id(),
      str('name', length, { isUnique: true }),
      int('sortOrder', { default: 0 }),
      bool('disabled'),
      ...stamps(now),
    ];
    await q.createTable(new Table({ name: 'sectors', columns: named('sectors', 50) }));
    await q.createTable(new Table({ name: 'committees', columns: named('committees', 50) }));
    await q.createTable(
      new Table({
        name: 'members',
        columns: [
          id(),
          str('name', 50, { isUnique: true }),
          str('gender', 10, { isNullable: true }),
          int('sectorId'),
          str('term', 20, { isNullable: true }),
          str('phone', 30, { isNullable: true }),
          str('employer', 200, { isNullable: true }),
          str('status', 10, { default: "'active'" }),
          bool('disabled'),
          ...stamps(now),
        ],
        foreignKeys: [fk('sectorId', 'sectors')],
        indices: [new TableIndex({ columnNames: ['sectorId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'member_committees',
        columns: [int('memberId', { isPrimary: true }), int('committeeId', { isPrimary: true })],
        foreignKeys: [fk('memberId', 'members'), fk('committeeId', 'committees')],
        indices: [new TableIndex({ columnNames: ['committeeId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'units',
        columns: [
          id(),
          str('name', 100, { isUnique: true }),
          str('kind', 20),
          str('contactName', 50, { isNullable: true }),
          str('contactPhone', 30, { isNullable: true }),
          bool('disabled'),
          ...stamps(now),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'consultation_points',
        columns: [
          id(),
          str('name', 100, { isUnique: true }),
          str('district', 100, { isNullable: true }),
          str('grid', 200, { isNullable: true }),
          str('address', 200, { isNullable: true }),
          bool('disabled'),
          ...stamps(now),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          id(),
          str('code', 20, { isUnique: true }),
          str('name', 50, { isUnique: true }),
          time('opensAt'),
          time('closesAt'),
          bool('disabled'),
          ...stamps(now),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          str('username', 32, { isUnique: true }),
          str('displayName', 50),
          str('passwordHash', 100),
          str('roleList', 100),
          int('memberId', { isNullable: true }),
          int('unitId', { isNullable: true }),
          int('pointId', { isNullable: true }),
          bool('disabled'),
          time('passwordChangedAt', { isNullable: true }),
          ...stamps(now),
        ],
        foreignKeys: [fk('memberId', 'members'), fk('unitId', 'units'), fk('pointId', 'consultation_points')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'auth_sessions',
        columns: [
          id(),
          str('tokenHash', 64, { isUnique: true }),
          int('userId'),
          str('kind', 10),
          time('createdAt'),
          time('expiresAt'),
          time('revokedAt', { isNullable: true }),
        ],
        foreignKeys: [fk('userId', 'users')],
        indices: [new TableIndex({ columnNames: ['userId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'login_throttle',
        columns: [
          str('key', 120, { isPrimary: true }),
          int('failures'),
          time('windowStartedAt'),
          time('lockedUntil', { isNullable: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          id(),
          int('seq', { isUnique: true }),
          time('at'),
          int('actorId', { isNullable: true }),
          str('actorName', 50),
          str('action', 60),
          str('entityType', 40),
          str('entityId', 40),
          text('fromState'),
          text('toState'),
          text('comment'),
          str('requestId', 64, { isNullable: true }),
          str('prevHash', 64),
          str('hash', 64),
        ],
        indices: [new TableIndex({ columnNames: ['entityType', 'entityId'] }), new TableIndex({ columnNames: ['at'] })],
      }),
    );
    await q.createTable(
      new Table({ name: 'audit_head', columns: [int('id', { isPrimary: true }), int('seq'), str('hash', 64)] }),
    );
    await q.query(`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'audit_head',
      'audit_entries',
      'login_throttle',
      'auth_sessions',
      'users',
      'sessions',
      'consultation_points',
      'units',
      'member_committees',
      'members',
      'committees',
      'sectors',
    ]) {
      await q.dropTable(t);
    }
  }
}
