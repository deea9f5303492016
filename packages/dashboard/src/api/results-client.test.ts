import { describe, expect, it, vi } from 'vitest';
import { createFakeResultsApi, RESULTS_KEY } from '../../test/fake-results-api';
import { events } from '../../test/render-dashboard';
import { createResultsClient, type FetchLike, isUnauthorized, ResultsApiError } from './results-client';

const RANGE = { from: '2025-02-03', to: '2025-03-02' };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createResultsClient', () => {
  it('sends the key as a bearer header and never in the URL', async () => {
    const api = createFakeResultsApi({ events: events() });
    const client = createResultsClient({ fetch: api.fetch, key: RESULTS_KEY });
    const overview = await client.overview({ ...RANGE, device: 'mobile' });
    expect(overview.rows.length).toBe(4);
    expect(api.calls[0]!.url).toBe('/v1/results/overview?from=2025-02-03&to=2025-03-02&device=mobile');
    expect(api.calls[0]!.authorization).toBe(`Bearer ${RESULTS_KEY}`);
  });

  it('prefixes every request with baseUrl', async () => {
    const fetch = vi.fn<FetchLike>(async () => json(200, { items: [], nextCursor: null }));
    const client = createResultsClient({ fetch, key: 'sk_x', baseUrl: 'https://results.example' });
    await client.verbatims({ range: RANGE, touchpoint: 'a.b', band: 'detractor', cursor: 'c1' });
    expect(fetch.mock.calls[0]![0]).toBe(
      'https://results.example/v1/results/verbatims?from=2025-02-03&to=2025-03-02&touchpoint=a.b&band=detractor&limit=20&cursor=c1',
    );
  });

  it('reports a 401 to onUnauthorized and rejects with UnauthorizedError', async () => {
    const api = createFakeResultsApi({ events: events() });
    const onUnauthorized = vi.fn();
    const client = createResultsClient({ fetch: api.fetch, key: 'sk_wrong', onUnauthorized });
    const error = await client.overview(RANGE).catch((e: unknown) => e);
    expect(isUnauthorized(error)).toBe(true);
    expect((error as ResultsApiError).detail).toBe('a valid secret results key is required');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("keeps the server's message of a 400 as the error's detail", async () => {
    const api = createFakeResultsApi({ events: events() });
    const client = createResultsClient({ fetch: api.fetch, key: RESULTS_KEY });
    const error = await client.overview({ from: '2025-03-02', to: '2025-02-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResultsApiError);
    expect((error as ResultsApiError).status).toBe(400);
    expect((error as ResultsApiError).detail).toContain('from on or before to');
  });

  it('refuses an answer that is not the contract’s shape, and tells a network failure apart', async () => {
    const wrongShape = createResultsClient({
      fetch: async () => json(200, { rows: [{ touchpoint: 'x', metric: 'nps', n: 'many' }] }),
      key: 'sk_x',
    });
    const shape = await wrongShape.overview(RANGE).catch((e: unknown) => e);
    expect((shape as ResultsApiError).status).toBe(-1);

    const badDay = createResultsClient({
      fetch: async () => json(200, { from: 'yesterday', to: '2025-03-02', rows: [] }),
      key: 'sk_x',
    });
    expect(((await badDay.overview(RANGE).catch((e: unknown) => e)) as ResultsApiError).status).toBe(-1);

    const html = createResultsClient({
      fetch: async () => new Response('<html>captive portal</html>', { status: 200 }),
      key: 'sk_x',
    });
    expect(((await html.overview(RANGE).catch((e: unknown) => e)) as ResultsApiError).status).toBe(-1);

    const offline = createResultsClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      key: 'sk_x',
    });
    expect(((await offline.overview(RANGE).catch((e: unknown) => e)) as ResultsApiError).status).toBe(0);
  });

  it('downloads export.csv as a Blob with the header', async () => {
    const api = createFakeResultsApi({ events: events() });
    const client = createResultsClient({ fetch: api.fetch, key: RESULTS_KEY });
    const blob = await client.exportCsv('summary', RANGE);
    expect((await blob.text()).split('\r\n')[0]).toBe('touchpoint,metric,n,score,ci_low,ci_high');
    expect(api.calls[0]!.url).toBe('/v1/results/export.csv?kind=summary&from=2025-02-03&to=2025-03-02');
    expect(api.calls[0]!.authorization).toBe(`Bearer ${RESULTS_KEY}`);
  });

  it('names the 5-point CES variant and leaves the default 7 points out', async () => {
    const fetch = vi.fn<FetchLike>(async () =>
      json(200, { touchpoint: 't', metric: 'ces', scale: { min: 1, max: 5 }, interval: 'day', points: [] }),
    );
    const client = createResultsClient({ fetch, key: 'sk_x' });
    await client.trend({ touchpoint: 't', metric: 'ces', points: 5 }, 'day', RANGE);
    await client.trend({ touchpoint: 't', metric: 'ces', points: 7 }, 'day', RANGE);
    expect(fetch.mock.calls.map((c) => new URL(c[0], 'http://x').searchParams.get('points'))).toEqual([
      '5',
      null,
    ]);
  });
});
