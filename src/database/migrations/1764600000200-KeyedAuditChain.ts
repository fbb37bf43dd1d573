import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { optInt, optStr } from './builders';

/**
 * The keyed audit chain (docs/design/audit-chain.md): each row names the scheme of its hash (null: the
 * unkeyed SHA-256 of the rows written before), and the head the first keyed seq with its seal.
 */
export class KeyedAuditChain1764600000200 implements MigrationInterface {
  name = 'KeyedAuditChain1764600000200';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('audit_entries', new TableColumn(optStr('alg', 16)));
    await q.addColumn('audit_head', new TableColumn(optInt('keyedFrom')));
    await q.addColumn('audit_head', new TableColumn(optStr('seal', 80)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('audit_head', 'seal');
    await q.dropColumn('audit_head', 'keyedFrom');
    await q.dropColumn('audit_entries', 'alg');
  }
}
