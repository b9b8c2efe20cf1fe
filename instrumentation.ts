// Runs once when the server starts (Node.js only; see lib/security/startup.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    await import('./lib/security/startup');
  }
}
