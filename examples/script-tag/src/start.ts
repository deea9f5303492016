/**
 * Root `pnpm start`: the whole loop on one machine. Builds the widget, writes the shop's sites file, starts the
 * reference server (`touchpoint serve`, a child process, SQLite in `.data/shop/`) and the shop's pages with the
 * widget's built files on a second port, then prints both addresses and the results key.
 *
 *   pnpm start [-- --port 8787 --shop-port 8788 --data .data/shop --seed --widget-out DIR]
 *
 * Stop with Ctrl+C: the server finishes its in-flight requests, then both stop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildWidgetFiles, WIDGET_DIST } from './build-widget';
import { startShop } from './shop-server';
import { prepareShopSite } from './shop-site';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
/** The `touchpoint` CLI of the server package. */
const TOUCHPOINT_BIN = join(
  dirname(require.resolve('@touchpoint/server/package.json')),
  'bin',
  'touchpoint.js',
);

const USAGE = 'usage: pnpm start [-- --port 8787 --shop-port 8788 --data DIR --seed --widget-out DIR]';

function port(name: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 65535) {
    console.error(`[touchpoint] ${name} must be a port number from 0 to 65535, received "${text}"\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

let parsed: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      'shop-port': { type: 'string', default: '8788' },
      data: { type: 'string', default: join(REPO_ROOT, '.data', 'shop') },
      seed: { type: 'boolean', default: false },
      // Where the widget is built; the default is the widget package's own dist/.
      'widget-out': { type: 'string', default: WIDGET_DIST },
      help: { type: 'boolean', default: false },
    },
    // `pnpm start -- --port 1` passes the `--` on; accept it.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
  });
}
try {
  parsed = parseOptions();
} catch (error) {
  console.error(`[touchpoint] ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const serverPort = port('--port', values.port);
const shopPort = port('--shop-port', values['shop-port']);
const dataDir = resolve(values.data);
const widgetDir = resolve(values['widget-out']);

/**
 * Starts `touchpoint serve` and resolves with its address once it listens. Its start-up lines are held back (the
 * banner below says what a newcomer needs, each key once); its warnings (stderr) and everything it prints after
 * start-up (the drain on Ctrl+C) pass through.
 */
function startReferenceServer(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [TOUCHPOINT_BIN, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, reject) => {
    let startup = '';
    let started = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (started) {
        process.stdout.write(chunk);
        return;
      }
      startup += chunk.toString();
      const end = startup.indexOf('Stop with Ctrl+C');
      const url = /listening on (http:\/\/\S+)/.exec(startup)?.[1];
      if (end === -1 || url === undefined) return;
      started = true;
      const after = startup.slice(startup.indexOf('\n', end) + 1);
      if (after !== '') process.stdout.write(after);
      resolveStart({ child, url });
    });
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', (code) => {
      if (!started) process.stdout.write(startup);
      reject(new Error(`touchpoint serve exited with code ${code}`));
    });
  });
}

async function main(): Promise<void> {
  console.log('[touchpoint] building the widget (embed.js and its chunks)…');
  await buildWidgetFiles(widgetDir);

  // The shop first: its origin goes into the sites file; the server's address into its pages once known.
  let endpoint = `http://127.0.0.1:${serverPort}`;
  const shop = await startShop({ widgetDir, port: shopPort, endpoint: () => endpoint });
  const site = prepareShopSite({
    dataDir,
    origins: [shop.url, shop.url.replace('127.0.0.1', 'localhost')],
  });

  let server: Awaited<ReturnType<typeof startReferenceServer>>;
  try {
    server = await startReferenceServer([
      '--sites',
      site.sitesFile,
      '--data',
      dataDir,
      '--port',
      String(serverPort),
      ...(values.seed ? ['--seed'] : []),
    ]);
  } catch (error) {
    await shop.close();
    console.error(`[touchpoint] ${(error as Error).message}`);
    process.exit(3);
  }
  endpoint = server.url;

  console.log(`
[touchpoint] the example shop is open: ${shop.url}/
  Bean & Kettle asks one question at three touchpoints:
    CSAT  scroll down a product page         ${shop.url}/products/moka-pot.html
    NPS   place an order                     ${shop.url}/checkout.html
    CES   read a support article, then move the pointer out through the top of the window
                                             ${shop.url}/support/articles/returns.html
  Each survey shows once per visitor (a private window starts afresh); add ?touchpoint_debug=1 to a page
  address to see in the console why a survey did or did not show.

  Touchpoint server  ${server.url}  (site "shop", public key ${site.publicKey})
  Dashboard          ${server.url}/
  Results key        ${site.secretKey}   (sign in to the dashboard with it; never put it in a page)
  Admin key          ${site.adminKey}   (sign in with it to edit the surveys; the /v1/admin API; never put it in a page)
  Data               ${dataDir}

  Stop with Ctrl+C.
`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Ctrl+C also reaches the server (same process group); a signal sent to this process alone is passed on.
    // SIGTERM after SIGINT is harmless: the server drains once.
    server.child.kill('SIGTERM');
    console.log(`[touchpoint] ${signal}: stopping the shop and the server…`);
    void shop.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.once('exit', (code) => {
    void shop.close().then(() => process.exit(stopping ? (code ?? 0) : 1));
  });
}

main().catch((error: unknown) => {
  console.error('[touchpoint] start failed:', error);
  process.exit(70);
});
