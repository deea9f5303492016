/** The page's entry: renders the dashboard with the browser's own fetch, sessionStorage, clock and location. */
import { render } from 'preact';
import { Dashboard } from './dashboard';
import { windowNavigation } from './routing/navigation';
import { browserSaveFile } from './save-file';
import './styles.css';

function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage blocked by the browser: the key lives in memory for this page only.
    return null;
  }
}

const root = document.getElementById('app');
if (root !== null) {
  render(
    <Dashboard
      fetch={(url, init) => window.fetch(url, init)}
      storage={tabStorage()}
      languages={navigator.languages.length > 0 ? navigator.languages : [navigator.language]}
      now={() => new Date()}
      navigation={windowNavigation(window)}
      saveFile={browserSaveFile(document)}
    />,
    root,
  );
}
