import { defineConfig } from 'vite';
import { slidewrightViteConfig } from './src/vite/index.ts';

// The same configuration `npm run dev` (slidewright dev) starts with.
export default defineConfig(slidewrightViteConfig());
