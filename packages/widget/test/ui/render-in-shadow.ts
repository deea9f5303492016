/**
 * Renders a component inside an open shadow root, as the card is, and returns role queries scoped to it
 * (`document.querySelector` cannot see inside a shadow root; `within(shadowRoot)` can).
 */
import { render, within } from '@testing-library/preact';
import type { ComponentChild } from 'preact';

export function renderInShadow(ui: ComponentChild) {
  const host = document.body.appendChild(document.createElement('div'));
  const root = host.attachShadow({ mode: 'open' });
  const container = root.appendChild(document.createElement('div'));
  const result = render(ui as Parameters<typeof render>[0], { container, baseElement: container });
  return { root, host, ...result, ...within(root as unknown as HTMLElement) };
}
