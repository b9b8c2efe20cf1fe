#!/usr/bin/env node
// npm run token -- create|list|revoke ...: API tokens (lib/auth/token-cli.ts). Builds the command
// line first where esbuild is installed (a checkout), else runs the one `npm run build` made.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const out = new URL('../.next/token-cli.mjs', import.meta.url);
try {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [new URL('../lib/auth/token-cli.ts', import.meta.url).pathname],
    outfile: out.pathname, bundle: true, platform: 'node', target: 'node20', format: 'esm',
    alias: { 'server-only': new URL('../lib/agent/server-only-stub.ts', import.meta.url).pathname },
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
  if (!existsSync(out)) {
    console.error('token: run npm run build first (or npm ci, for esbuild)');
    process.exit(2);
  }
}
await import(pathToFileURL(out.pathname).href);
