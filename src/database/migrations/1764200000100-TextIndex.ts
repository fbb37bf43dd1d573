import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The character-bigram index behind Chinese search and similar-proposal detection
 * (ARCHITECTURE.md, Persistence): one posting per (owner type, gram, document) and one
 * document-frequency row per gram (the row with the empty gram counts the documents); one
 * row per document with the total of its term frequencies.
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
    if (q.connection.options.type === 'mysql') await this.createGramsTable(q);
    else await this.createSqliteGramsTable(q);
    await q.createTable(
      new Table({
        name: 'text_docs',
        // mass = Σ tf of the record's grams, the denominator of weighted Jaccard.
        columns: [ownerType, { name: 'ownerId', type: 'int', isPrimary: true }, { name: 'mass', type: 'int' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'text_gram_df',
        columns: [ownerType, gram(q), { name: 'df', type: 'int' }],
      }),
    );
  }

  /** InnoDB clusters rows by primary key already: postings of one gram sit together with their tf. */
  private async createGramsTable(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'text_grams',
        // Primary key order serves the lookups by gram (search, candidate generation).
        columns: [ownerType, gram(q), { name: 'ownerId', type: 'int', isPrimary: true }, { name: 'tf', type: 'int' }],
        // Reindexing deletes by document; exact scoring reads a few documents' grams and tf from this index alone.
        indices: [
          new TableIndex({ name: 'IDX_text_grams_owner', columnNames: ['ownerType', 'ownerId', 'gram', 'tf'] }),
        ],
      }),
    );
  }

  /**
   * The one table not built with the schema builder: WITHOUT ROWID makes SQLite cluster the
   * postings by (ownerType, gram, ownerId) as InnoDB does, instead of a rowid table plus a
   * primary-key index: half the size, and tf is read from the same b-tree as the gram.
   */
  private async createSqliteGramsTable(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "text_grams" ("ownerType" varchar(20) NOT NULL, "gram" varchar(8) NOT NULL, "ownerId" integer NOT NULL, "tf" integer NOT NULL, PRIMARY KEY ("ownerType", "gram", "ownerId")) WITHOUT ROWID',
    );
    await q.query('CREATE INDEX "IDX_text_grams_owner" ON "text_grams" ("ownerType", "ownerId", "gram", "tf")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('text_gram_df');
    await q.dropTable('text_docs');
    await q.dropTable('text_grams');
  }
}
