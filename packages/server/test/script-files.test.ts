/**
 * The script tag served by the server (`/embed.js`, `/touchpoint-*.js`, and the same under `/v/{build}/`): the
 * content type, CORP and CORS headers the stub snippet needs on another site's page, short caching at `/` and
 * immutable caching under the build's folder, ETag revalidation, brotli / gzip / identity by Accept-Encoding, a
 * changed file seen at once, and clear refusals. The files are a small script-tag folder written here; the
 * installed widget's real files are served the same way in examples/install.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import {
  defaultScriptDir,
  SCRIPT_IMMUTABLE_CACHE,
  SCRIPT_SHORT_CACHE,
  scriptBuild,
} from '../src/http/script-files';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/store';
import { SHOP_KEY, testSite } from './support/sites';

let dir: string;
let store: Store;
let scripts: string;
let app: Hono;
const EMBED = `(()=>{/* loader */window.touchpoint=window.touchpoint||function(){};${'x'.repeat(2000)}})();`;
const SURVEY = `(()=>{/* survey chunk */${'y'.repeat(4000)}})();`;
const COLLECTOR = `(()=>{/* collector chunk */${'z'.repeat(3000)}})();`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-scripts-'));
  scripts = join(dir, 'dist');
  mkdirSync(join(scripts, 'chunks'), { recursive: true });
  writeFileSync(join(scripts, 'embed.js'), EMBED);
  writeFileSync(join(scripts, 'touchpoint-survey.js'), SURVEY);
  writeFileSync(join(scripts, 'touchpoint-collector.js'), COLLECTOR);
  writeFileSync(join(scripts, 'index.js'), 'export {};'); // the npm entry: never served
  writeFileSync(join(scripts, 'chunks', 'ui-abc.js'), 'export {};');
  store = await openSqliteStore({ path: ':memory:' });
  app = createApp({ store, sites: [testSite()], log: () => {}, scriptDir: scripts, dashboardDir: null });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(`http://touchpoint.test${path}`, { headers });

describe('the script tag served by the server', () => {
  it('GET /embed.js: JavaScript another origin may load, cached five minutes, brotli when accepted', async () => {
    const response = await get('/embed.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe(SCRIPT_SHORT_CACHE);
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(response.headers.get('content-encoding')).toBe('br');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeLessThan(EMBED.length / 4);
    expect(brotliDecompressSync(body).toString()).toBe(EMBED);
  });

  it('gzip for a client without brotli, the file as is for one without either (or refusing both)', async () => {
    const gzip = await get('/embed.js', { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(EMBED);
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get('/embed.js', accept === undefined ? {} : { 'accept-encoding': accept });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toBe(EMBED);
    }
  });

  it('revalidates by ETag (one per encoding): 304 with no body', async () => {
    const first = await get('/touchpoint-survey.js', { 'accept-encoding': 'br' });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{12}-br"$/);
    const again = await get('/touchpoint-survey.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('cache-control')).toBe(SCRIPT_SHORT_CACHE);
    const otherEncoding = await get('/touchpoint-survey.js', {
      'accept-encoding': 'gzip',
      'if-none-match': etag,
    });
    expect(otherEncoding.status).toBe(200);
  });

  it('serves the same files under /v/{build}/ as immutable; another build answers 404 and names the current one', async () => {
    const build = await scriptBuild(scripts);
    expect(build?.id).toMatch(/^[0-9a-f]{12}$/);
    expect(build?.integrity).toBe(`sha384-${createHash('sha384').update(EMBED).digest('base64')}`);
    for (const name of ['embed.js', 'touchpoint-survey.js']) {
      const pinned = await get(`/v/${build!.id}/${name}`);
      expect(pinned.status).toBe(200);
      expect(pinned.headers.get('cache-control')).toBe(SCRIPT_IMMUTABLE_CACHE);
      expect(await pinned.text()).toBe(name === 'embed.js' ? EMBED : SURVEY);
    }
    const gone = await get('/v/000000000000/embed.js');
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({
      error: { code: 'script_build_gone', message: expect.stringContaining(`/v/${build!.id}/embed.js`) },
    });
  });

  it('serves the collector chunk (touchpoint-collector.js) like the survey chunk, at / and pinned under /v/{build}/', async () => {
    const short = await get('/touchpoint-collector.js', { 'accept-encoding': 'br' });
    expect(short.status).toBe(200);
    expect(short.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(short.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(short.headers.get('access-control-allow-origin')).toBe('*');
    expect(short.headers.get('cache-control')).toBe(SCRIPT_SHORT_CACHE);
    expect(short.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await short.arrayBuffer())).toString()).toBe(COLLECTOR);
    const etag = short.headers.get('etag')!;
    expect(etag).toBe(`"${createHash('sha256').update(COLLECTOR).digest('hex').slice(0, 12)}-br"`);
    expect(
      (await get('/touchpoint-collector.js', { 'accept-encoding': 'br', 'if-none-match': etag })).status,
    ).toBe(304);
    const build = await scriptBuild(scripts);
    const pinned = await get(`/v/${build!.id}/touchpoint-collector.js`);
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('cache-control')).toBe(SCRIPT_IMMUTABLE_CACHE);
    expect(await pinned.text()).toBe(COLLECTOR);
    // The build id covers it: another collector chunk is another build, and the old pin answers 404.
    writeFileSync(join(scripts, 'touchpoint-collector.js'), `${COLLECTOR}/* rebuilt */`);
    const rebuilt = await scriptBuild(scripts);
    expect(rebuilt!.id).not.toBe(build!.id);
    expect((await get(`/v/${build!.id}/touchpoint-collector.js`)).status).toBe(404);
    expect(await (await get(`/v/${rebuilt!.id}/touchpoint-collector.js`)).text()).toContain('rebuilt');
    writeFileSync(join(scripts, 'touchpoint-collector.js'), COLLECTOR);
  });

  it('a rebuilt file is served at once, with a new ETag and a new build', async () => {
    const before = await scriptBuild(scripts);
    const etag = (await get('/touchpoint-survey.js')).headers.get('etag');
    writeFileSync(join(scripts, 'touchpoint-survey.js'), `${SURVEY}/* rebuilt, one byte more */`);
    const after = await get('/touchpoint-survey.js');
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toContain('rebuilt');
    expect((await scriptBuild(scripts))?.id).not.toBe(before?.id);
    expect((await get(`/v/${before!.id}/touchpoint-survey.js`)).status).toBe(404);
  });

  it('serves nothing else from the folder: not the npm entry, not chunks/, no near-miss names', async () => {
    for (const path of [
      '/index.js',
      '/chunks/ui-abc.js',
      '/touchpoint-nope.js',
      '/embed.js/',
      '/v/abc/embed.js',
      '/EMBED.js',
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect((await get(`/v1/config?site=${SHOP_KEY}`)).headers.get('content-type')).not.toContain(
      'javascript',
    );
  });

  it('says so when the files are not built (503), or when the script tag is off (404)', async () => {
    const empty = createApp({ store, sites: [testSite()], log: () => {}, scriptDir: join(dir, 'none') });
    const missing = await empty.request('http://touchpoint.test/embed.js');
    expect(missing.status).toBe(503);
    expect(await missing.json()).toMatchObject({ error: { code: 'script_not_built' } });
    const off = createApp({ store, sites: [testSite()], log: () => {}, scriptDir: null });
    expect((await off.request('http://touchpoint.test/embed.js')).status).toBe(404);
  });

  it("defaults to the installed widget's dist/ folder", () => {
    expect(defaultScriptDir()).toMatch(/widget[/\\]dist$/);
  });
});
