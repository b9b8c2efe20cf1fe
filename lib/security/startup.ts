/**
 * Server start: refuse a bad environment (lib/config/env names the variable and what is
 * allowed) and an unsafe listening configuration (non-loopback without a token) before
 * serving anything, and keep a stray promise rejection from taking the server down.
 */
import { securityConfig, startupProblem } from './config';

let problem: string | null;
try {
  problem = startupProblem(securityConfig());
} catch (err) {
  problem = err instanceof Error ? err.message : String(err);
}
if (problem) {
  console.error(`[switchyard] ${problem}`);
  process.exit(1);
}
process.on('unhandledRejection', (reason) => {
  console.error('[switchyard] unhandled rejection (kept running):', reason);
});
