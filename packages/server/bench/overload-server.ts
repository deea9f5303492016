/**
 * The server for the overload runs (`overload.ts`), in its own process so the load generator does not share its
 * event loop: the site and limits come as one JSON argument, the database as `touchpoint serve` takes it
 * (DATABASE_URL, else SQLite in the data folder). Prints `listening on URL`; SIGTERM stops it gracefully.
 */
import type { ServerLimits } from '../src/limits';
import { startServer } from '../src/serve';
import type { Site } from '../src/sites/site';
import { openStore } from '../src/store/open-store';

interface ServerArgs {
  readonly site: Site;
  readonly limits: Partial<ServerLimits>;
  readonly dataDir: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ServerArgs;
const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: args.dataDir });
const server = await startServer({
  store,
  sites: [args.site],
  port: 0,
  limits: args.limits,
  log: () => {},
  dashboardDir: null,
});
console.log(`listening on ${server.url}`);
process.once('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
