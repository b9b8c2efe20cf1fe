/**
 * Server start: refuse an unsafe listening configuration (non-loopback without a token)
 * before serving anything, and keep a stray promise rejection from taking the server down.
 */
import { readSecurityConfig, startupProblem } from './config';

const problem = startupProblem(readSecurityConfig(process.env, process.argv));
if (problem) {
  console.error(`[switchyard] ${problem}`);
  process.exit(1);
}
process.on('unhandledRejection', (reason) => {
  console.error('[switchyard] unhandled rejection (kept running):', reason);
});
