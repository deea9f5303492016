// Two pages: index.html (the widget's init() with the collector, as the widget README shows) and score.html (core's
// scoring). The manifest lets the test weigh each page's first-load JavaScript.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    manifest: true,
    rollupOptions: { input: { main: 'index.html', score: 'score.html' } },
  },
});
