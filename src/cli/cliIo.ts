/**
 * Where the CLI's commands write, so tests can run them in-process and read what a user would see.
 * Each call writes the text as given: callers add the newlines.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes, also listed in `--help`. */
export enum ExitCode {
  Ok = 0,
  /** The output file could not be written; for `lint`, findings at error severity (so CI can gate on it). */
  Failed = 1,
  /** Bad usage, an unreadable or too-large file, or a file that is not a trace. */
  BadInput = 2,
  /** `search` / `get`: the backend could not be reached, refused, or has no such trace. */
  BackendFailed = 3,
}
