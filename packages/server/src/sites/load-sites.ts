/**
 * Reading the sites file and each site's survey config, with every problem named by file and path.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatPath, type Problem } from '@touchpoint/core';
import { parseConfig, validate } from '@touchpoint/core/schema';
import type { Site } from './site';
import { SitesFileSchema } from './sites.schema';

/** A file that is missing, unreadable, not JSON or not valid; `problems` say where and why. */
export class InvalidFileError extends Error {
  override name = 'InvalidFileError' as const;
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
    /** The file could not be read at all (missing, unreadable), as opposed to read and found invalid. */
    readonly unreadable = false,
  ) {
    super(`${file}:\n${problems.map((p) => `  ${p.message}`).join('\n')}`);
  }
}

const problem = (path: string, message: string): Problem => ({
  path,
  expected: '',
  received: '',
  message: `${path}: ${message}`,
});

/** Reads a JSON file; throws `InvalidFileError` when it cannot be read or parsed. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new InvalidFileError(
      file,
      [problem('(file)', code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`)],
      true,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidFileError(file, [problem('(root)', `not valid JSON: ${(error as Error).message}`)]);
  }
}

/** Reads and validates one survey config file with core's `parseConfig`. */
export function loadConfigFile(file: string): { json: unknown; config: Site['config'] } {
  const json = readJsonFile(file);
  const result = parseConfig(json);
  if (!result.ok) throw new InvalidFileError(file, result.problems);
  return { json, config: result.value };
}

/** Reads and validates a sites file and the survey config of every site in it. */
export function loadSitesFile(file: string): Site[] {
  const path = resolve(file);
  const result = validate(SitesFileSchema, readJsonFile(path));
  if (!result.ok) throw new InvalidFileError(path, result.problems);
  return result.value.sites.map((entry, index) => {
    const configPath = resolve(dirname(path), entry.config);
    let loaded: ReturnType<typeof loadConfigFile>;
    try {
      loaded = loadConfigFile(configPath);
    } catch (error) {
      if (!(error instanceof InvalidFileError)) throw error;
      const where = formatPath(['sites', index, 'config']);
      throw new InvalidFileError(
        path,
        error.problems.map((p) => ({
          ...p,
          message: `${where} (${configPath}): ${p.message.replace(/^\(file\): /, '')}`,
        })),
        error.unreadable,
      );
    }
    return {
      id: entry.id,
      name: entry.name ?? entry.id,
      publicKey: entry.publicKey,
      secretKey: entry.secretKey,
      adminKey: entry.adminKey,
      linkSecret: entry.linkSecret,
      allowedOrigins: entry.allowedOrigins,
      sensitiveAttributes: entry.sensitiveAttributes ?? [],
      retentionDays: entry.retentionDays,
      configPath,
      configJson: loaded.json,
      config: loaded.config,
    };
  });
}
