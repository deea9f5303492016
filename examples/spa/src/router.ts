/**
 * A small client-side router: `data-link` clicks become `history.pushState`, the back button re-renders. The
 * Touchpoint widget sees these navigations by itself (route-change triggers, delayed surveys cancelled).
 */
import { help, home, notFound, onboarding, onboardingDone, type Page, project, projects } from './pages';

export function startRouter(outlet: HTMLElement): void {
  const navigate = (path: string) => {
    if (path === location.pathname) return;
    history.pushState(null, '', path);
    render();
  };

  const pageFor = (path: string): Page => {
    const step = /^\/onboarding\/([1-3])$/.exec(path);
    const slug = /^\/projects\/([a-z-]+)$/.exec(path);
    if (path === '/') return home();
    if (step) return onboarding(Number(step[1]), navigate);
    if (path === '/onboarding/done') return onboardingDone();
    if (path === '/projects') return projects();
    if (slug) return project(slug[1]!) ?? notFound(path);
    if (path === '/help/sharing') return help();
    return notFound(path);
  };

  const render = () => {
    const page = pageFor(location.pathname);
    document.title = page.title;
    outlet.replaceChildren(page.content);
  };

  document.addEventListener('click', (event) => {
    const anchor = (event.target as Element | null)?.closest?.('a[data-link]');
    if (!(anchor instanceof HTMLAnchorElement) || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(anchor.pathname);
  });
  addEventListener('popstate', render);
  render();
}
