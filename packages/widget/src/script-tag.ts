/**
 * The types of the script-tag files (`@touchpoint/widget/embed.js` and its `touchpoint-*.js` chunks), for a site
 * that hosts them itself. They are classic scripts, not modules: importing one runs it and gives no exports;
 * embed.js defines the one global, `touchpoint` (see README.md, "Script tag").
 */
export type { TouchpointGlobal } from './embed';
