// Integration tests need the real engine and the lab scenes; say so loudly instead of skipping.
import { execFileSync } from 'node:child_process';

export default function setup() {
  try {
    execFileSync('bash', ['scripts/lab.sh', 'up'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
  } catch {
    throw new Error('integration tests need a Docker engine with the lab scenes: run `npm run lab` (as root it starts an engine) and retry');
  }
}
