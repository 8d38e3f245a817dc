import { defineConfig } from 'vite';
import { slidewright } from './src/vite/index.ts';

export default defineConfig({
  // Relative asset URLs: the built site works under any sub-path.
  base: './',
  // Media are copied by the plugin; there is no public/ folder.
  publicDir: false,
  plugins: [slidewright()],
  server: { open: false },
});
