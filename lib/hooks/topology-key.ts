/** Where the page gets its topology, shared by the server page (which asks for it early) and the hook. */
export const TOPOLOGY_KEY = '/api/topology';

/** The window property holding the topology asked for while the HTML was parsed (app/page.tsx). */
export const EARLY_TOPOLOGY = '__switchyardTopology';
