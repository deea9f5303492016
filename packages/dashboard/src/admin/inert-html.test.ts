import { afterEach, describe, expect, it } from 'vitest';
import { renderInertHtml } from './inert-html';

afterEach(() => document.body.replaceChildren());

const target = () => document.body.appendChild(document.createElement('div'));

describe('the inert copy of untrusted HTML', () => {
  it("keeps an e-mail's tables, links and inline styles", () => {
    const into = target();
    const { dropped } = renderInertHtml(
      '<table role="presentation" width="100%" cellpadding="0" style="max-width:560px;border-collapse:collapse;">' +
        '<tr><td align="center" style="padding:2px;"><a href="https://s.example/s/x?t=a&amp;score=7" ' +
        'target="_blank" aria-label="7" style="display:block;color:#18181b;">7</a></td></tr></table>',
      into,
    );
    expect(dropped).toBe(0);
    const table = into.querySelector('table')!;
    expect(table.getAttribute('role')).toBe('presentation');
    expect(table.getAttribute('width')).toBe('100%');
    expect(table.style.maxWidth).toBe('560px');
    const link = into.querySelector('a')!;
    // Where it goes is shown (on hover) and kept, but the preview's button is not a live link.
    expect(link.getAttribute('data-href')).toBe('https://s.example/s/x?t=a&score=7');
    expect(link.getAttribute('title')).toBe('https://s.example/s/x?t=a&score=7');
    expect(link.hasAttribute('href')).toBe(false);
    expect(link.hasAttribute('target')).toBe(false);
    expect(link.getAttribute('aria-label')).toBe('7');
    expect(link.style.display).toBe('block');
    expect(into.querySelector('td')!.getAttribute('align')).toBe('center');
  });

  it('leaves out script, handlers, javascript: links, styles, frames, forms and images, and counts them', () => {
    const into = target();
    const { dropped } = renderInertHtml(
      '<p onclick="alert(1)" onmouseover="alert(2)">Hello <b>there</b></p>' +
        '<script>alert(3)</script><style>p{color:red}</style>' +
        '<a href="javascript:alert(4)">x</a><a href="data:text/html,hi">y</a>' +
        '<iframe src="https://evil.example/"></iframe><form action="https://evil.example/"><input></form>' +
        '<img src="https://tracker.example/p.gif" onerror="alert(5)"><svg><script>alert(6)</script></svg>',
      into,
    );
    expect(into.innerHTML).toBe('<p>Hello <b>there</b></p><a>x</a><a>y</a>');
    expect(into.querySelector('[style]')).toBeNull();
    // 2 handlers, script, style, 2 bad hrefs, iframe, form, img, svg.
    expect(dropped).toBe(10);
  });

  it('writes text as text', () => {
    const into = target();
    renderInertHtml('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>', into);
    expect(into.querySelector('script')).toBeNull();
    expect(into.textContent).toBe('<script>alert(1)</script>');
  });
});
