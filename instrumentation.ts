// Runs once when the server starts (Node.js only): refuse an unsafe configuration
// (lib/security/startup.ts), then start reading the engine into the topology store, so the
// first page is answered from memory.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    await import('./lib/security/startup');
    const { topologyStore } = await import('./lib/store/registry');
    topologyStore();
  }
}
