import { generateProposal, ProposalText, rephrase } from '../../src/demo/proposal-text';
import { account, Account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { startTestApp, TestApp } from '../support/test-app';

/** The bigram index behind the proposal list's `q` and `/similar`, kept in step by filing and editing. */
describe('proposal search and similar proposals', () => {
  let t: TestApp;
  let c: Cast;
  const filed: Array<{ id: number; text: ProposalText }> = [];

  const file = async (who: Account, text: ProposalText, submit = true): Promise<number> => {
    const res = await t.http().post('/api/v1/proposals').set(who.auth).send({
      sessionId: c.sessionId,
      kind: 'individual',
      title: text.title,
      category: 'economy',
      background: text.background,
      suggestions: text.suggestions,
    });
    if (res.status !== 201) throw new Error(`file: ${res.status} ${JSON.stringify(res.body)}`);
    if (submit) await api(t, who, 'post', `/proposals/${res.body.id}/submit`, {});
    return res.body.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    for (let seed = 1; seed <= 40; seed++) {
      const text = generateProposal(seed);
      filed.push({ id: await file(c.lead, text), text });
    }
  });
  afterAll(() => t.close());

  it('ranks the proposal a rephrased duplicate copies first, with scores best first', async () => {
    const original = filed[17];
    const duplicate = await file(c.co1, rephrase(original.text, 99));
    const res = await t.http().get(`/api/v1/proposals/${duplicate}/similar`).set(c.staff.auth).expect(200);
    expect(res.body[0]).toMatchObject({
      id: original.id,
      title: original.text.title,
      status: 'submitted',
      statusLabel: '已提交',
    });
    const scores = res.body.map((s: { score: number }) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[0]).toBeLessThanOrEqual(1);
    expect(res.body.map((s: { id: number }) => s.id)).not.toContain(duplicate);
  });

  it('never offers a draft as a similar proposal', async () => {
    const source = filed[5];
    const draftCopy = await file(c.co2, rephrase(source.text, 7), false);
    const res = await t.http().get(`/api/v1/proposals/${source.id}/similar`).set(c.staff.auth).expect(200);
    expect(res.body.map((s: { id: number }) => s.id)).not.toContain(draftCopy);
  });

  it('is for staff: members, units and leaders are refused', async () => {
    for (const who of [c.lead, c.unit, c.leader])
      await t.http().get(`/api/v1/proposals/${filed[0].id}/similar`).set(who.auth).expect(403);
  });

  it('finds proposals by words of their analysis and suggestions, not only the title', async () => {
    const target = filed[3];
    // Four characters from within one run of Han characters of its first suggestion (punctuation splits runs).
    const run = /[\u4e00-\u9fff]{6,}/.exec(target.text.suggestions[0])![0];
    const phrase = run.slice(1, 5);
    const res = await t
      .http()
      .get('/api/v1/proposals')
      .query({ q: phrase, pageSize: 100 })
      .set(c.staff.auth)
      .expect(200);
    expect(res.body.items.map((p: { id: number }) => p.id)).toContain(target.id);
    for (const p of res.body.items as Array<{ id: number }>) {
      const text = filed.find((f) => f.id === p.id)?.text;
      if (text) expect(text.title + text.background + text.suggestions.join('')).toContain(phrase);
    }
    const none = await t.http().get('/api/v1/proposals').query({ q: '量子引力波探测' }).set(c.staff.auth).expect(200);
    expect(none.body.total).toBe(0);
  });

  it('re-indexes a draft when its text is edited', async () => {
    const member = await account(t, 'member');
    const id = await file(member, generateProposal(501), false);
    await t
      .http()
      .patch(`/api/v1/proposals/${id}`)
      .set(member.auth)
      .send({ title: '关于建设黄河楼星空露营基地的建议' })
      .expect(200);
    const found = await t.http().get('/api/v1/proposals').query({ q: '星空露营' }).set(member.auth).expect(200);
    expect(found.body.items.map((p: { id: number }) => p.id)).toEqual([id]);
    const old = await t
      .http()
      .get('/api/v1/proposals')
      .query({ q: generateProposal(501).title.slice(2, 8) })
      .set(member.auth)
      .expect(200);
    expect(old.body.items.map((p: { id: number }) => p.id)).not.toContain(id);
  });
});
