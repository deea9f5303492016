/**
 * Exit codes of `touchpoint`, for scripts. The README lists them; they do not change meaning between versions.
 */
export const EXIT = {
  /** Done: the config is valid, the report was printed, the server stopped cleanly after SIGTERM. */
  ok: 0,
  /** The input is invalid: a config with problems, an events file with invalid lines; or a stop whose drain hit its deadline. */
  invalid: 1,
  /** Wrong usage: unknown command or option, a missing or malformed argument. Nothing was done. */
  usage: 2,
  /** Something needed is unavailable: a file that cannot be read, a database that cannot be reached, a port in use. */
  unavailable: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI reports in one message and an exit code, without a stack trace. */
export class CliError extends Error {
  override name = 'CliError' as const;
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}
