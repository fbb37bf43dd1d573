import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The character-bigram index behind Chinese search and similar-proposal detection
 * (ARCHITECTURE.md, Persistence): one posting per (owner type, gram, document) and one
 * document-frequency row per gram; the row with the empty gram counts the documents.
 *
 * Grams are compared byte for byte on MySQL/MariaDB: the database default
 * utf8mb4_unicode_520_ci treats "fe" and "fé" (and other pairs it folds) as equal, which
 * would make two distinct grams of one document collide in the primary key and make a
 * search for one match the other. SQLite compares bytes by default.
 */
const gram = (q: QueryRunner): TableColumnOptions => ({
  name: 'gram',
  type: 'varchar',
  length: '8',
  isPrimary: true,
  ...(q.connection.options.type === 'mysql' ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
});
const ownerType: TableColumnOptions = { name: 'ownerType', type: 'varchar', length: '20', isPrimary: true };

export class TextIndex1764200000100 implements MigrationInterface {
  name = 'TextIndex1764200000100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'text_grams',
        // Primary key order serves the lookups by gram (search, candidate generation).
        columns: [ownerType, gram(q), { name: 'ownerId', type: 'int', isPrimary: true }, { name: 'tf', type: 'int' }],
        // Reindexing deletes by document; exact scoring reads a document's grams.
        indices: [new TableIndex({ name: 'IDX_text_grams_owner', columnNames: ['ownerType', 'ownerId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'text_gram_df',
        columns: [ownerType, gram(q), { name: 'df', type: 'int' }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('text_gram_df');
    await q.dropTable('text_grams');
  }
}
