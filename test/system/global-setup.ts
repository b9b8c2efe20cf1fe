// System tests run the built app (next start) against the lab engine.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup() {
  if (!existsSync('.next/BUILD_ID')) throw new Error('system tests need the built app: run `npx next build` first (npm test does)');
  execFileSync('bash', ['scripts/lab.sh', 'up'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
}
