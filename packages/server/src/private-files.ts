/**
 * The files the server creates hold answers and keys: the data folder is made 0700 and every file in it 0600
 * (the SQLite database, its WAL and shared-memory files, the demo keys). A folder that already exists is left as
 * it is (it may be shared, e.g. the working directory); a file the server owns is tightened to 0600.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and missing parents) readable by the owner only; an existing folder is left alone. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Creates the file empty when missing, and makes it readable and writable by the owner only. */
export function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Makes existing files (e.g. a database's `-wal` and `-shm`) owner-only; missing ones are skipped. */
export function tightenFiles(paths: readonly string[]): void {
  for (const path of paths) {
    if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
  }
}
