/** What the server knows about its own health; `serve` flips `draining` on SIGTERM. */
export class Lifecycle {
  /** Shutting down: readiness fails and new ingest requests get 503 + Retry-After. */
  draining = false;
}
