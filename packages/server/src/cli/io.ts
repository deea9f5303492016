/** What a command reads and writes, passed in so tests run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Resolves when the process is asked to stop (SIGTERM or SIGINT). */
  readonly stopSignal: Promise<string>;
  /** Standard input, for `report --input -`. */
  readonly stdin?: () => AsyncIterable<string | Buffer>;
}
