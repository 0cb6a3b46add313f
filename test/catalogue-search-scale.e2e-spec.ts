import { Client } from 'pg';
import { searchTerms, sessionPageSql } from '@app/catalogue';
import { query, startTestApp, TestApp } from './support/fixtures';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * Issue 15: at 10,000 sessions the search reads its GIN index, never the whole table of search
 * documents. The sessions are generated beside the seeded six; the triggers build their documents.
 */
describe('search at 10,000 sessions uses its indexes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // One statement on a client of its own: its trigger builds the 9,994 documents, which takes
    // longer than the API pool's statement and read timeouts.
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO training_session (slug, title, kind, status, starts_on, ends_on, venue_name, host_province_id)
         SELECT 'scale-' || g,
                CASE WHEN g % 2 = 0 THEN 'Hội nghị tập huấn công tác thông tin đối ngoại số ' || g
                     ELSE 'Hội thảo về quyền con người và thông tin đối ngoại số ' || g END,
                CASE WHEN g % 2 = 0 THEN 'training_conference' ELSE 'workshop' END,
                CASE WHEN g % 10 = 0 THEN 'draft' ELSE 'completed' END,
                date '2016-01-05' + (g % 3650), date '2016-01-05' + (g % 3650),
                'Hội trường ' || g, (SELECT id FROM province WHERE valid_to IS NULL ORDER BY id OFFSET g % 34 LIMIT 1)
           FROM generate_series(1, 9994) g`,
      );
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
  }, 600_000);
  afterAll(() => t.close());

  it('has a search document for every one of the 10,000 sessions', async () => {
    const [{ sessions, documents }] = await query<{ sessions: number; documents: number }>(
      t,
      `SELECT (SELECT count(*)::int FROM training_session) AS sessions, (SELECT count(*)::int FROM session_search) AS documents`,
    );
    expect(sessions).toBe(10_000);
    expect(documents).toBe(10_000);
  });

  it.each(['tap huan 4322', 'ket luan 57', 'hoi truong 77', 'Tuyên Quang', 'le hai binh'])(
    'q=%s: a bitmap scan of session_search_document, no sequential scan of session_search',
    async (q) => {
      const list = {
        limit: 20,
        offset: 0,
        sort: 'date' as const,
        order: 'desc' as const,
      };
      const { sql, params } = sessionPageSql(list, false, searchTerms(q));
      const [{ 'QUERY PLAN': plan }] = await query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        t,
        `EXPLAIN (FORMAT JSON) ${sql}`,
        params,
      );
      const nodes = nodesOf(plan[0].Plan);
      expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'session_search')).toEqual([]);
      expect(nodes.some((n) => n['Index Name'] === 'session_search_document')).toBe(true);
      // And the API answers the same search.
      const res = await t.http().get('/api/v1/sessions').query({ q }).expect(200);
      expect(res.body.page.total).toBeGreaterThan(0);
    },
  );
});
