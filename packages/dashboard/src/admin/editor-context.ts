/**
 * What every field of the editor reads: the draft config, how to change it, its problems (the server's words,
 * by path) and the editor's words in the chosen language.
 */
import type { Problem } from '@touchpoint/core';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AdminMessages } from './admin-messages';
import type { Path } from './config-paths';

export interface EditorContextValue {
  readonly draft: Record<string, unknown>;
  update(path: Path, value: unknown): void;
  readonly problems: readonly Problem[];
  readonly t: AdminMessages;
  /** The dashboard's language, for the built-in wording shown beside empty texts. */
  readonly language: string;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (value === null) throw new Error('useEditor() outside the editor');
  return value;
}
