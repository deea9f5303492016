/**
 * The code blocks the READMEs publish, taken from the README files themselves, so the install test runs exactly
 * what a newcomer copies.
 */
import { readFileSync } from 'node:fs';

/** The `lang` code blocks of a Markdown file, in order. */
export function codeBlocks(markdownFile: string, lang: string): string[] {
  const text = readFileSync(markdownFile, 'utf8');
  const blocks: string[] = [];
  const fence = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, 'gm');
  for (const match of text.matchAll(fence)) blocks.push(match[1]!);
  return blocks;
}

/** The first `lang` block of `markdownFile` that contains `marker`; throws when there is none. */
export function codeBlock(markdownFile: string, lang: string, marker: string): string {
  const block = codeBlocks(markdownFile, lang).find((candidate) => candidate.includes(marker));
  if (block === undefined) throw new Error(`no \`\`\`${lang} block with ${marker} in ${markdownFile}`);
  return block;
}
