import { DataSource } from 'typeorm';
import { Tx } from '../../src/database/tx';
import { generateProposal, proposalFields, rephrase } from '../../src/demo/proposal-text';
import { Unit } from '../../src/directory/directory.entities';
import { TextIndexService } from '../../src/search/text-index.service';
import { startTestApp, TestApp } from '../support/test-app';

/** The bigram index on the engine under test (TEST_DB), with a corpus of generated proposals. */
describe('text index', () => {
  const CORPUS = 3000;
  let t: TestApp;
  let ds: DataSource;
  let index: TextIndexService;
  let tx: Tx;

  const gramRows = async (ownerType: string, ownerId: number): Promise<string[]> =>
    (
      await ds.query('SELECT gram FROM text_grams WHERE ownerType = ? AND ownerId = ? ORDER BY gram', [
        ownerType,
        ownerId,
      ])
    ).map((r: { gram: string }) => r.gram);
  const df = async (ownerType: string, gram: string): Promise<number> =>
    Number(
      (await ds.query('SELECT df FROM text_gram_df WHERE ownerType = ? AND gram = ?', [ownerType, gram]))[0]?.df ?? 0,
    );
  const note = (id: number, text: string) => tx.run((em) => index.reindex(em, 'note', id, [{ text }]));

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.ds;
    index = t.app.get(TextIndexService);
    tx = t.app.get(Tx);
    for (let start = 0; start < CORPUS; start += 500) {
      const docs = Array.from({ length: 500 }, (_, k) => ({
        id: start + k + 1,
        fields: proposalFields(generateProposal(start + k)),
      }));
      await tx.run((em) => index.reindexMany(em, 'proposal', docs));
    }
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  it('ranks a rephrased duplicate first among 3000 generated proposals', async () => {
    for (const k of [17, 1234, 2999]) {
      const duplicate = rephrase(generateProposal(k), k);
      const hits = await index.similar('proposal', proposalFields(duplicate), { limit: 5 });
      expect(hits[0].id).toBe(k + 1);
    }
  });

  it('returns scores best first in 0..1 and never the source record', async () => {
    const hits = await index.similar('proposal', 42, { limit: 10 });
    expect(hits).toHaveLength(10);
    expect(hits.map((h) => h.id)).not.toContain(42);
    for (const h of hits) {
      expect(h.score).toBeGreaterThan(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
    expect([...hits].sort((a, b) => b.score - a.score)).toEqual(hits);
  });

  it('scores an identical text 1 and keeps to filterIds and away from excludeIds', async () => {
    const text = proposalFields(generateProposal(99));
    expect((await index.similar('proposal', text, { limit: 1 }))[0]).toEqual({ id: 100, score: 1 });
    expect((await index.similar('proposal', text, { limit: 3, excludeIds: [100] })).map((h) => h.id)).not.toContain(
      100,
    );
    const only = await index.similar('proposal', text, { limit: 10, filterIds: [100, 2000, 2001] });
    expect(only.length).toBeGreaterThan(0);
    expect(only.every((h) => [100, 2000, 2001].includes(h.id))).toBe(true);
  });

  it('replaces the old grams on reindex and drops them on remove, keeping document frequencies', async () => {
    await note(1, '关于缓解老城区停车难的建议');
    const unique = '老城';
    expect(await df('note', unique)).toBe(1);
    await note(1, '关于发展枸杞产业的提案');
    expect(await gramRows('note', 1)).toEqual(
      ['产业', '关于', '发展', '提案', '枸杞', '杞产', '的提', '展枸', '于发', '业的'].sort(),
    );
    expect(await df('note', unique)).toBe(0);
    expect((await index.search('note', '停车难')).ids).toEqual([]);
    expect((await index.search('note', '枸杞产业')).ids).toEqual([1]);
    await tx.run((em) => index.remove(em, 'note', 1));
    expect(await gramRows('note', 1)).toEqual([]);
    expect(await df('note', '枸杞')).toBe(0);
    expect((await index.search('note', '枸杞')).ids).toEqual([]);
  });

  it('finds Chinese substrings of two or more characters and not texts lacking them', async () => {
    await note(11, '关于加快发展家政服务业的建议');
    await note(12, '关于规范家政市场秩序的提案');
    await note(13, '关于推进老旧小区改造的建议，兼谈服务业');
    expect((await index.search('note', '家政')).ids).toEqual([11, 12]);
    expect((await index.search('note', '家政服务')).ids).toEqual([11]);
    expect((await index.search('note', '服务业 关于')).ids).toEqual([11, 13]);
    expect((await index.search('note', '小区改造的建议')).ids).toEqual([13]);
    expect((await index.search('note', '家政改造')).ids).toEqual([]);
    expect((await index.search('note', '乡村振兴')).ids).toEqual([]);
    expect(await index.search('note', '改')).toEqual({ ids: null, likeTerms: ['改'] });
  });

  it('narrows a query builder by the index and one-character terms by LIKE', async () => {
    const units: Unit[] = [];
    // One after another: concurrent inserts on MariaDB may take ids out of order.
    for (const name of ['市停车管理中心', '市家政服务协会', '市家政培训学校']) units.push(await t.make.unit({ name }));
    await tx.run((em) =>
      index.reindexMany(
        em,
        'unit',
        units.map((u) => ({ id: u.id, fields: [{ text: u.name }] })),
      ),
    );
    const find = async (q: string) => {
      const qb = ds.getRepository(Unit).createQueryBuilder('u').select('u.id', 'id');
      await index.applySearch(qb, 'unit', q, { idColumn: 'u.id', likeColumns: ['u.name'] });
      return (await qb.orderBy('u.id').getRawMany()).map((r: { id: number }) => Number(r.id));
    };
    expect(await find('家政')).toEqual([units[1].id, units[2].id]);
    expect(await find('家政 校')).toEqual([units[2].id]);
    expect(await find('停')).toEqual([units[0].id]);
    expect(await find('无此单位')).toEqual([]);
    expect((await find('')).length).toBeGreaterThanOrEqual(3);
  });

  it('confirms the index candidates by substring: holding every bigram of a term is not containing it', async () => {
    const exact = await t.make.unit({ name: '编号4p14的单位' });
    const lookalike = await t.make.unit({ name: '编号414p1的单位' }); // has 4p, p1, 14 too, but not "4p14"
    await tx.run((em) =>
      index.reindexMany(
        em,
        'unit',
        [exact, lookalike].map((u) => ({ id: u.id, fields: [{ text: u.name }] })),
      ),
    );
    const qb = ds.getRepository(Unit).createQueryBuilder('u').select('u.id', 'id');
    await index.applySearch(qb, 'unit', '4p14', { idColumn: 'u.id', likeColumns: ['u.name'] });
    expect((await qb.getRawMany()).map((r: { id: number }) => Number(r.id))).toEqual([exact.id]);
  });

  it('stores characters outside the BMP intact and finds them', async () => {
    await note(21, '𠀀𪚥字典的编纂');
    await note(22, '字典的编纂');
    expect(await gramRows('note', 21)).toEqual(['𠀀𪚥', '𪚥字', '字典', '典的', '的编', '编纂'].sort());
    expect((await index.search('note', '𪚥字')).ids).toEqual([21]);
    expect((await index.search('note', '𠀀𪚥字典')).ids).toEqual([21]);
    expect((await index.search('note', '𠀀字')).ids).toEqual([]);
  });

  it('keeps grams apart that the default collation folds together, and folds width and case itself', async () => {
    await note(31, 'café cafe');
    await note(32, 'cafe');
    await note(33, 'ＡＰＰ改版');
    expect((await index.search('note', 'fé')).ids).toEqual([31]);
    expect((await index.search('note', 'cafe')).ids).toEqual([31, 32]);
    expect((await index.search('note', 'App')).ids).toEqual([33]);
  });
});
