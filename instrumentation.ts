// Runs once when the server starts (Node.js only): refuse an unsafe configuration
// (lib/security/startup.ts), then start reading the engine into the topology store, so the
// first page is answered from memory.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    await import('./lib/security/startup');
    // The environment is valid past this point (startup exits on a bad value).
    const [{ applyHeapGrowth }, { settings }] = await Promise.all([import('./lib/config/heap'), import('./lib/config/env')]);
    applyHeapGrowth(settings().SWITCHYARD_HEAP_GROWTH);
    // The activity journal follows every store from the moment it is made (lib/activity/registry).
    await import('./lib/activity/registry');
    const { topologyStore } = await import('./lib/engines/registry');
    topologyStore();
  }
}
