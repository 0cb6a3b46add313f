import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The installable app (PWA): the manifest, its icon and a service worker that precaches every
 * file of this build (the list and a version are written into it), emitted at the site root
 * (src/pwa holds the sources; the API serves them at /sw.js, /manifest.webmanifest, /icon.svg).
 */
function pwa(): Plugin {
  const source = (file: string) => readFileSync(new URL(`src/pwa/${file}`, import.meta.url), 'utf8');
  return {
    name: 'ttdn-pwa',
    apply: 'build',
    // After writing: by then the bundle lists only the files on disk (Vite drops the empty JavaScript
    // chunks of CSS-only imports late, and a precache list naming one fails the worker's install).
    writeBundle(options, bundle) {
      const outDir = options.dir!;
      const assets = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/') && existsSync(path.join(outDir, file)))
        .sort();
      const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 12);
      const worker = source('sw.js')
        .replace("'__VERSION__'", JSON.stringify(version))
        .replace('__ASSETS__', JSON.stringify(assets));
      writeFileSync(path.join(outDir, 'sw.js'), worker);
      writeFileSync(path.join(outDir, 'manifest.webmanifest'), source('manifest.webmanifest'));
      writeFileSync(path.join(outDir, 'icon.svg'), source('icon.svg'));
    },
  };
}

/**
 * One config for the build (served by the API from dist/web) and for `vitest`:
 * `unit` (components under jsdom), `browser` (the built app in Chromium against the built API
 * and a real database) and `screenshots` (run by `npm run screenshots` only).
 */
export default defineConfig({
  root,
  plugins: [react(), pwa()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Read by scripts/check-budget.mjs to sum the catalogue route's JavaScript.
    manifest: true,
    // Chunks are checked against a budget of their own; Vite's default warning says nothing useful here.
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Libraries split by the set of screens that use them (entriesAware): left to itself the
          // bundler folds everything two screens share (antd's Form, for one) into the chunk every
          // page loads, and the catalogue would carry the delegate screens' code.
          groups: [{ name: 'lib', test: /node_modules/, entriesAware: true }],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          // One Chromium and one API for all files; two cores are shared with the rest of the suite.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'screenshots',
          environment: 'node',
          include: ['e2e/**/*.shots.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
