/**
 * The card's whole stylesheet, one string for the shadow root.
 *
 * Rules kept on purpose (docs/faults.md cases 39–43): px units only, because `rem` follows the host page's
 * `<html>` even inside a shadow root; `:host { all: initial !important }`, because a host rule such as
 * `* { all: unset }` would otherwise win over `:host` (outer normal rules beat inner ones; inner `!important`
 * beats outer); no selector that could mean anything outside the shadow root (`:root`, `html`, `body`,
 * `@property`, `@font-face`). The host is `display: contents`, so it adds no box to the page.
 *
 * Custom properties set on the host by `mountSurvey`: `--brand`, `--on` (text on the brand colour), `--r`
 * (radius), `--font` and `--z` (z-index).
 */
import { PALETTE, type Palette } from './palette';

const vars = (palette: Palette) =>
  Object.entries(palette)
    .map(([name, value]) => `--${name}:${value}`)
    .join(';');

export const CARD_CSS = `:host{all:initial!important;display:contents!important}
.w{${vars(PALETTE.light)};position:fixed;z-index:var(--z);bottom:16px;right:16px;width:400px;max-width:calc(100vw - 32px)}
.dark{${vars(PALETTE.dark)}}
@media (prefers-color-scheme:dark){.auto{${vars(PALETTE.dark)}}}
.bottom-left{right:auto;left:16px}
.inline{position:static;width:auto;max-width:none}
.modal{inset:0;width:auto;max-width:none;display:flex;align-items:center;justify-content:center;padding:16px;background:#0008}
.w *{box-sizing:border-box;margin:0;font:inherit;color:inherit}
.c{position:relative;width:100%;max-width:440px;padding:20px;font:14px/1.45 var(--font);color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:var(--r);box-shadow:0 8px 28px #0003}
.c :focus-visible{outline:2px solid var(--fg);outline-offset:2px}
svg{display:block;width:100%;height:100%;fill:none;stroke:currentColor;stroke-width:1.6;stroke-linecap:round}
.h{display:block;margin-inline-end:28px;margin-bottom:14px;font-size:16px;font-weight:600}
.q{margin-inline-end:64px;margin-bottom:8px;font-size:12px;color:var(--muted)}
.bottom-right .h,.bottom-left .h{margin-inline-end:64px}
.q~.h{margin:14px 0 8px}
.c p:focus{outline:0}
[role=status]{margin-bottom:0}
.s,.e,.a{display:flex;gap:4px}
button{height:40px;border:1px solid var(--line);border-radius:6px;background:none;font-weight:600;cursor:pointer}
.o{flex:1;padding:0;background:var(--option)}
.o:hover{border-color:var(--brand)}
.p,[aria-checked=true]{background:var(--brand);border-color:var(--brand);color:var(--on)}
.faces .o{height:52px;padding:10px}
.stars .o{height:48px;padding:6px;background:none;border:0;color:var(--muted)}
.stars .on,.stars:has(.o:hover,.o:focus-visible) .o{color:var(--brand)}
.on svg,.stars:has(.o:hover,.o:focus-visible) svg{fill:currentColor}
.stars .o:is(:hover,:focus-visible)~.o{color:var(--muted)}
.stars .o:is(:hover,:focus-visible)~.o svg{fill:none}
.e{justify-content:space-between;margin-top:8px;font-size:12px;color:var(--muted)}
.t{display:block;width:100%;height:84px;padding:8px;border:1px solid var(--muted);border-radius:6px;background:none}
::placeholder{color:var(--muted)}
.a{justify-content:flex-end;gap:8px;margin-top:12px}
.b{padding:0 16px}
.x,.n{position:absolute;top:12px;inset-inline-end:12px;width:32px;height:32px;padding:6px;border:0;color:var(--muted)}
.n{inset-inline-end:48px}
.fo{width:auto;max-width:none}
.m{display:block;height:44px;padding:0 16px;border-radius:22px;box-shadow:0 4px 16px #0003}
@media (pointer:coarse){.w button{min-height:44px}.x,.n{width:44px;top:6px;inset-inline-end:6px}.n{inset-inline-end:50px}}
@media (max-width:479px){.w:not(.inline){left:0;right:0;bottom:0;width:auto;max-width:none;padding:0;align-items:flex-end}.w:not(.inline) .c{max-width:none;padding:16px 12px calc(16px + env(safe-area-inset-bottom));border-radius:var(--r) var(--r) 0 0}.s{gap:2px}.w.fo{left:auto}.bottom-left.fo{left:0;right:auto}.m{margin:0 12px calc(12px + env(safe-area-inset-bottom))}}
@media (prefers-reduced-motion:no-preference){.c{animation:i .2s}}
@keyframes i{from{opacity:0;transform:translateY(8px)}}`;
