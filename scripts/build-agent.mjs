#!/usr/bin/env node
// Bundles Switchyard's agent (lib/agent/main.ts and the host readers it runs) into one file,
// .next/agent.mjs, which the Dockerfile puts at /app/agent.mjs in the image. Run by
// `npm run build` after `next build`.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

mkdirSync('.next', { recursive: true });
await build({
  entryPoints: ['lib/agent/main.ts'],
  outfile: '.next/agent.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // `server-only` guards modules from the browser bundle; the agent is no browser.
  alias: { 'server-only': './lib/agent/server-only-stub.ts' },
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log('built .next/agent.mjs');

// `npm run token` (scripts/token.mjs) and the image's /app/token.mjs: the token command line.
await build({
  entryPoints: ['lib/auth/token-cli.ts'],
  outfile: '.next/token-cli.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  alias: { 'server-only': './lib/agent/server-only-stub.ts' },
  // better-sqlite3 is a native addon: required from node_modules where it runs.
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log('built .next/token-cli.mjs');
