import { DataSource } from 'typeorm';

export const MYSQL_COLLATION = 'utf8mb4_unicode_520_ci';
const GOOD_COLLATIONS = /^utf8mb4_(unicode_520_ci|0900_|uca1400_|bin)/;

/** Runs pending migrations; on MySQL first makes sure new tables default to utf8mb4 (Chinese and rare characters). */
export async function migrate(ds: DataSource): Promise<void> {
  if (ds.options.type === 'mysql') {
    // utf8mb4_general_ci and utf8mb4_unicode_ci weigh every character outside the BMP the same,
    // so two names differing only in a rare character (𠀀 / 𪚥) would collide in a unique index.
    const [row] = await ds.query('SELECT DATABASE() AS db, @@collation_database AS coll');
    if (row && !GOOD_COLLATIONS.test(row.coll)) {
      await ds.query(`ALTER DATABASE \`${row.db}\` CHARACTER SET utf8mb4 COLLATE ${MYSQL_COLLATION}`);
    }
  }
  await ds.runMigrations({ transaction: 'each' });
}
