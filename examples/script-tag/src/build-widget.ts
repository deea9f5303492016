/**
 * The widget's script-tag files (`embed.js` and the chunks it loads from beside itself), built by the widget
 * package's own build (esbuild, minified): the files a shop would copy to its server or CDN.
 */
import { buildWidget, DIST } from '../../../packages/widget/scripts/build';

/** Where `pnpm --filter @touchpoint/widget build` writes: `packages/widget/dist`. */
export const WIDGET_DIST = DIST;

/**
 * Builds the widget into `outDir` (emptied first) and returns the folder.
 * @default outDir WIDGET_DIST
 */
export async function buildWidgetFiles(outDir: string = WIDGET_DIST): Promise<string> {
  await buildWidget(outDir);
  return outDir;
}
