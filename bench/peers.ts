/**
 * Peers' published bytes, measured in the same run as ours: each package is fetched from the npm registry with
 * `npm pack` into .bench-cache/ (never installed into the workspace) and its shipped files are compressed the
 * same way as Touchpoint's bundles.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressedSizes, type Sizes } from './compressed-size';

export interface PeerFile {
  /** Row label, e.g. "posthog-js surveys (survey UI)". */
  readonly label: string;
  /** What the row compares with: the bytes every page pays, or the bytes when a survey shows. */
  readonly role: 'loader' | 'survey';
  readonly pkg: string;
  /** Files inside the package whose bytes add up to this row. */
  readonly files: readonly string[];
}

export const PEER_FILES: readonly PeerFile[] = [
  {
    label: 'posthog-js array.js (full SDK, every page)',
    role: 'loader',
    pkg: 'posthog-js',
    files: ['dist/array.js'],
  },
  {
    label: 'posthog-js surveys.js (survey UI)',
    role: 'survey',
    pkg: 'posthog-js',
    files: ['dist/surveys.js'],
  },
  {
    label: '@formbricks/js (loader; UI comes from the server)',
    role: 'loader',
    pkg: '@formbricks/js',
    files: ['dist/index.js'],
  },
  {
    label: 'survey-core + survey-js-ui (form library UI)',
    role: 'survey',
    pkg: 'survey-core+survey-js-ui',
    files: ['survey-core:survey.core.min.js', 'survey-js-ui:survey-js-ui.min.js'],
  },
];

export interface PeerRow extends Sizes {
  readonly label: string;
  readonly role: PeerFile['role'];
  readonly version: string;
}

function packed(cache: string, name: string): { dir: string; version: string } {
  const safe = name.replace('@', '').replace('/', '-');
  mkdirSync(cache, { recursive: true });
  let tarball = readdirSync(cache).find((f) => f.startsWith(`${safe}-`) && f.endsWith('.tgz'));
  if (tarball === undefined) {
    execFileSync('npm', ['pack', name, '--silent', '--pack-destination', cache], { stdio: 'pipe' });
    tarball = readdirSync(cache).find((f) => f.startsWith(`${safe}-`) && f.endsWith('.tgz'));
  }
  if (tarball === undefined) throw new Error(`npm pack ${name} produced no tarball`);
  const dir = join(cache, tarball.replace(/\.tgz$/, ''));
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', join(cache, tarball), '-C', dir]);
  }
  const version = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')).version as string;
  return { dir: join(dir, 'package'), version };
}

/** Measures every peer row; a peer that cannot be fetched (no registry) is reported, not fatal. */
export function measurePeers(cache: string): { rows: PeerRow[]; errors: string[] } {
  const rows: PeerRow[] = [];
  const errors: string[] = [];
  for (const peer of PEER_FILES) {
    try {
      const parts: Buffer[] = [];
      const versions: string[] = [];
      for (const file of peer.files) {
        const [pkg, path] = file.includes(':') ? (file.split(':') as [string, string]) : [peer.pkg, file];
        const { dir, version } = packed(cache, pkg);
        versions.push(`${pkg}@${version}`);
        parts.push(readFileSync(join(dir, path)));
      }
      rows.push({
        label: peer.label,
        role: peer.role,
        version: versions.join(' + '),
        ...compressedSizes(Buffer.concat(parts)),
      });
    } catch (error) {
      errors.push(`${peer.label}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { rows, errors };
}
