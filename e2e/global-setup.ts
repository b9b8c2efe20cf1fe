// e2e runs against the lab engine and its scenes; fail loudly if they cannot be had.
import { execFileSync } from 'node:child_process';

export default function globalSetup() {
  execFileSync('bash', ['scripts/lab.sh', 'up'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
}
