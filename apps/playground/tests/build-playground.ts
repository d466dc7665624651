// Builds the playground with its own vite.config.ts into `outDir`, as `npm run build` does,
// returning Vite's warnings (an empty list is part of the contract). Vitest sets NODE_ENV=test,
// which makes Vite build in development mode (no "externalized for browser compatibility"
// warning, other stubs), so the build runs with NODE_ENV=production.
import { fileURLToPath } from 'node:url';
import { build, createLogger } from 'vite';

export const PLAYGROUND_DIR = fileURLToPath(new URL('..', import.meta.url));

export async function buildPlayground(outDir: string): Promise<string[]> {
  const warnings: string[] = [];
  const logger = createLogger('warn', { allowClearScreen: false });
  logger.warn = (msg) => {
    warnings.push(msg);
  };
  logger.warnOnce = (msg) => {
    warnings.push(msg);
  };
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: PLAYGROUND_DIR,
      configFile: `${PLAYGROUND_DIR}vite.config.ts`,
      customLogger: logger,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return warnings;
}
