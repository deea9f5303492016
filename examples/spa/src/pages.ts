/**
 * The app's pages. Each returns its content and its title; links with `data-link` are followed by the router
 * without a page load.
 */
import { el } from './el';
import { touchpoint } from './touchpoint';

export interface Page {
  readonly title: string;
  readonly content: HTMLElement;
}

type Navigate = (path: string) => void;

const link = (href: string, text: string, className = '') =>
  el('a', { href, 'data-link': '', ...(className ? { class: className } : {}) }, text);

const PROJECTS = [
  { slug: 'launch-plan', name: 'Launch plan', tasks: 12 },
  { slug: 'office-move', name: 'Office move', tasks: 7 },
];

const STEPS = [
  { title: 'Name your workspace', text: 'Pick a name your team will recognise.' },
  { title: 'Invite your team', text: 'Send invitations now or later; everyone joins the same workspace.' },
  { title: 'Create your first project', text: 'Start from the launch plan template, or from scratch.' },
];

export function home(): Page {
  return {
    title: 'Planwise',
    content: el(
      'div',
      {},
      el('h1', {}, 'Plan projects without the spreadsheet'),
      el('p', {}, 'Planwise keeps tasks, owners and deadlines in one place.'),
      el('p', {}, link('/onboarding/1', 'Get started', 'button')),
    ),
  };
}

export function onboarding(step: number, navigate: Navigate): Page {
  const current = STEPS[step - 1]!;
  const last = step === STEPS.length;
  const next = last
    ? el('button', { class: 'button', type: 'button', id: 'finish' }, 'Finish set-up')
    : link(`/onboarding/${step + 1}`, 'Next', 'button');
  if (last) next.addEventListener('click', () => navigate('/onboarding/done'));
  return {
    title: `Step ${step} · Planwise`,
    content: el(
      'div',
      {},
      el('p', { class: 'steps' }, `Step ${step} of ${STEPS.length}`),
      el('h1', {}, current.title),
      el('p', {}, current.text),
      el('p', {}, next),
    ),
  };
}

export function onboardingDone(): Page {
  // The touchpoint: the visitor has just finished onboarding. Tracked on the page that says so, as a shop tracks
  // `checkout.completed` on its confirmation page.
  touchpoint.track('onboarding.completed');
  return {
    title: 'All set · Planwise',
    content: el(
      'div',
      {},
      el('h1', {}, 'You are all set'),
      el('p', {}, 'Your workspace is ready and your team is invited.'),
      el('p', {}, link('/projects', 'Go to your projects', 'button')),
    ),
  };
}

export function projects(): Page {
  return {
    title: 'Projects · Planwise',
    content: el(
      'div',
      {},
      el('h1', {}, 'Projects'),
      ...PROJECTS.map((project) =>
        el(
          'div',
          { class: 'card' },
          el('h2', {}, link(`/projects/${project.slug}`, project.name)),
          el('p', {}, `${project.tasks} open tasks`),
        ),
      ),
    ),
  };
}

export function project(slug: string): Page | undefined {
  const found = PROJECTS.find((p) => p.slug === slug);
  if (found === undefined) return undefined;
  return {
    title: `${found.name} · Planwise`,
    content: el(
      'div',
      {},
      el('h1', {}, found.name),
      el('ul', {}, ...Array.from({ length: found.tasks }, (_, i) => el('li', {}, `Task ${i + 1}`))),
      el('p', {}, link('/projects', 'All projects')),
    ),
  };
}

export function help(): Page {
  return {
    title: 'Sharing a project · Planwise help',
    content: el(
      'article',
      {},
      el('h1', {}, 'Sharing a project'),
      el('p', {}, 'Open the project, choose Share, and type the e-mail addresses of the people to invite.'),
      el('p', {}, 'Invited people can comment at once; make them editors to let them change tasks.'),
      el(
        'p',
        {},
        el('button', { class: 'button', type: 'button', 'data-rate-article': '' }, 'Rate this article'),
      ),
    ),
  };
}

export function notFound(path: string): Page {
  return {
    title: 'Not found · Planwise',
    content: el('div', {}, el('h1', {}, 'Page not found'), el('p', {}, `Nothing lives at ${path}.`)),
  };
}
