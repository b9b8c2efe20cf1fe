/** The graph's colours, one palette per colour scheme: Cytoscape's stylesheet (components/graph/styles) and the server-drawn first view (lib/first-view/svg) both draw with them. Pure data. */

export type Theme = 'light' | 'dark';

export const PALETTES = {
  light: {
    text: '#0f172a', textMuted: '#475569', bg: '#ffffff', edge: '#94a3b8',
    network: '#dbeafe', networkBorder: '#2563eb', builtin: '#f1f5f9', builtinBorder: '#64748b',
    internal: '#ffedd5', internalBorder: '#ea580c', overlay: '#ede9fe', overlayBorder: '#7c3aed',
    container: '#ffffff', containerBorder: '#0f172a', stoppedBorder: '#94a3b8',
    host: '#1e293b', hostText: '#f8fafc', project: '#f8fafc', projectBorder: '#cbd5e1',
    link: '#d97706', shares: '#7c3aed', port: '#059669', isolated: '#dc2626',
    bridge: '#ccfbf1', bridgeBorder: '#0d9488', veth: '#f0fdfa', vethEdge: '#14b8a6',
    selected: '#f59e0b', match: '#16a34a', pending: '#0ea5e9', changed: '#c026d3',
    running: '#059669', hostEdge: '#1e293b', minimapBg: '#f8fafc',
    flow: '#0e7490', peer: '#fefce8', peerBorder: '#a16207', exposed: '#ea580c', drift: '#9333ea',
  },
  dark: {
    text: '#e2e8f0', textMuted: '#94a3b8', bg: '#020617', edge: '#64748b',
    network: '#1e3a8a', networkBorder: '#60a5fa', builtin: '#1e293b', builtinBorder: '#94a3b8',
    internal: '#7c2d12', internalBorder: '#fb923c', overlay: '#4c1d95', overlayBorder: '#a78bfa',
    container: '#0f172a', containerBorder: '#e2e8f0', stoppedBorder: '#475569',
    host: '#f1f5f9', hostText: '#0f172a', project: '#0b1222', projectBorder: '#334155',
    link: '#fbbf24', shares: '#a78bfa', port: '#34d399', isolated: '#f87171',
    bridge: '#134e4a', bridgeBorder: '#2dd4bf', veth: '#042f2e', vethEdge: '#2dd4bf',
    selected: '#fbbf24', match: '#4ade80', pending: '#38bdf8', changed: '#e879f9',
    running: '#34d399', hostEdge: '#cbd5e1', minimapBg: '#0f172a',
    flow: '#22d3ee', peer: '#422006', peerBorder: '#facc15', exposed: '#fb923c', drift: '#c084fc',
  },
} as const;
