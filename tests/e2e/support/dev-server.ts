/** A slidewright dev server on a throwaway project, for tests that must not touch slides/. */
import { createServer, type Logger, type ViteDevServer } from 'vite';
import { slidewrightViteConfig, type SlidewrightOptions } from '../../../src/vite/index.ts';

export interface DevServer {
  server: ViteDevServer;
  /** `http://127.0.0.1:<port>/` */
  base: string;
}

/** The configuration `slidewright dev` starts with, on a free port. */
export async function startDevServer(root: string, customLogger?: Logger, options: SlidewrightOptions = {}): Promise<DevServer> {
  const config = slidewrightViteConfig({ ...options, root });
  const server = await createServer({
    ...config,
    configFile: false,
    logLevel: customLogger ? undefined : 'silent',
    customLogger,
    server: { ...config.server, port: 0, host: '127.0.0.1' },
  });
  await server.listen();
  const address = server.httpServer!.address();
  if (!address || typeof address === 'string') throw new Error('the dev server has no TCP address');
  return { server, base: `http://127.0.0.1:${address.port}/` };
}
