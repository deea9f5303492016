/**
 * `touchpoint validate <file>`: a survey config file (core's `parseConfig`), or a sites file with the config of
 * every site. Problems are printed with their paths; exit 1 when there are any.
 */
import { resolve } from 'node:path';
import { parseConfig } from '@touchpoint/core/schema';
import { InvalidFileError, loadSitesFile, readJsonFile } from '../sites/load-sites';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { surveyCount } from './survey-count';

export function validateCommand(file: string | undefined, io: CliIo): ExitCode {
  if (file === undefined)
    throw new CliError('validate needs a file: touchpoint validate touchpoint.config.json', EXIT.usage);
  const path = resolve(io.cwd, file);
  try {
    const json = readJsonFile(path);
    if (json !== null && typeof json === 'object' && !Array.isArray(json) && 'sites' in json) {
      const sites = loadSitesFile(path);
      io.stdout(
        `✓ ${file} is a valid sites file: ${sites.map((s) => `${s.id} (${surveyCount(s.config.surveys.length)})`).join(', ')}\n`,
      );
      return EXIT.ok;
    }
    const result = parseConfig(json);
    if (!result.ok) throw new InvalidFileError(path, result.problems);
    const count = result.value.surveys.length;
    io.stdout(`✓ ${file} is a valid survey config with ${count} survey${count === 1 ? '' : 's'}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof InvalidFileError)) throw error;
    const n = error.problems.length;
    io.stderr(
      `✗ ${file}: ${n} problem${n === 1 ? '' : 's'}\n${error.problems.map((p) => `  ${p.message}\n`).join('')}`,
    );
    return error.unreadable ? EXIT.unavailable : EXIT.invalid;
  }
}
