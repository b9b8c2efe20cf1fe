/**
 * The graph's stylesheet: data, keyed on element kinds and classes, with colours from named
 * constants. One palette per colour scheme.
 */
import type { StylesheetJson } from 'cytoscape';

export type Theme = 'light' | 'dark';

const PALETTES = {
  light: {
    text: '#0f172a', textMuted: '#475569', bg: '#ffffff', edge: '#94a3b8',
    network: '#dbeafe', networkBorder: '#2563eb', builtin: '#f1f5f9', builtinBorder: '#64748b',
    internal: '#ffedd5', internalBorder: '#ea580c', overlay: '#ede9fe', overlayBorder: '#7c3aed',
    container: '#ffffff', containerBorder: '#0f172a', stoppedBorder: '#94a3b8',
    host: '#1e293b', hostText: '#f8fafc', project: '#f8fafc', projectBorder: '#cbd5e1',
    link: '#d97706', shares: '#7c3aed', port: '#059669', isolated: '#dc2626',
    bridge: '#ccfbf1', bridgeBorder: '#0d9488', veth: '#f0fdfa', vethEdge: '#14b8a6',
    selected: '#f59e0b', match: '#16a34a', pending: '#0ea5e9',
  },
  dark: {
    text: '#e2e8f0', textMuted: '#94a3b8', bg: '#020617', edge: '#64748b',
    network: '#1e3a8a', networkBorder: '#60a5fa', builtin: '#1e293b', builtinBorder: '#94a3b8',
    internal: '#7c2d12', internalBorder: '#fb923c', overlay: '#4c1d95', overlayBorder: '#a78bfa',
    container: '#0f172a', containerBorder: '#e2e8f0', stoppedBorder: '#475569',
    host: '#f1f5f9', hostText: '#0f172a', project: '#0b1222', projectBorder: '#334155',
    link: '#fbbf24', shares: '#a78bfa', port: '#34d399', isolated: '#f87171',
    bridge: '#134e4a', bridgeBorder: '#2dd4bf', veth: '#042f2e', vethEdge: '#2dd4bf',
    selected: '#fbbf24', match: '#4ade80', pending: '#38bdf8',
  },
} as const;

export function graphStyle(theme: Theme): StylesheetJson {
  const c = PALETTES[theme];
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)', 'text-wrap': 'wrap', 'text-valign': 'center', 'text-halign': 'center',
        'font-size': 10, color: c.text, 'border-width': 1.5, 'text-max-width': '160px',
        width: 150, height: 40, shape: 'round-rectangle',
      },
    },
    { selector: 'node[kind = "network"]', style: { 'background-color': c.network, 'border-color': c.networkBorder, 'border-width': 2, 'font-weight': 'bold', width: 180, height: 64 } },
    { selector: 'node.builtin', style: { 'background-color': c.builtin, 'border-color': c.builtinBorder, 'border-style': 'dashed' } },
    { selector: 'node.internal', style: { 'background-color': c.internal, 'border-color': c.internalBorder, 'border-style': 'double', 'border-width': 4 } },
    { selector: 'node.overlay', style: { 'background-color': c.overlay, 'border-color': c.overlayBorder, shape: 'cut-rectangle' } },
    { selector: 'node.none-net', style: { 'border-color': c.isolated } },
    { selector: 'node[kind = "container"]', style: { 'background-color': c.container, 'border-color': c.containerBorder, shape: 'round-rectangle', 'corner-radius': 12 } },
    { selector: 'node.stopped', style: { opacity: 0.45, 'border-style': 'dashed', 'border-color': c.stoppedBorder } },
    { selector: 'node.state-paused', style: { 'border-color': c.link, 'border-width': 3 } },
    { selector: 'node.isolated', style: { 'border-color': c.isolated, 'border-width': 2.5, 'border-style': 'dotted' } },
    { selector: 'node[kind = "host"]', style: { 'background-color': c.host, color: c.hostText, shape: 'hexagon', 'font-weight': 'bold', width: 80, height: 70 } },
    {
      selector: 'node[kind = "project"]',
      style: {
        'background-color': c.project, 'background-opacity': 0.6, 'border-color': c.projectBorder, 'border-style': 'dashed',
        'text-valign': 'top', 'text-halign': 'center', color: c.textMuted, 'font-size': 10, padding: '12px',
      },
    },
    { selector: 'node[kind = "bridge"]', style: { 'background-color': c.bridge, 'border-color': c.bridgeBorder, shape: 'diamond', width: 110, height: 50, 'font-size': 9 } },
    { selector: 'node[kind = "veth"]', style: { 'background-color': c.veth, 'border-color': c.vethEdge, shape: 'tag', 'font-size': 8, width: 90, height: 28 } },
    {
      selector: 'edge',
      style: {
        width: 1.5, 'line-color': c.edge, 'curve-style': 'bezier', label: 'data(label)', 'font-size': 9, color: c.textMuted,
        'text-background-color': c.bg, 'text-background-opacity': 0.85, 'text-background-padding': '1px', 'text-rotation': 'autorotate',
      },
    },
    { selector: 'edge.stopped', style: { 'line-style': 'dashed', opacity: 0.5 } },
    { selector: 'edge.host-mode', style: { 'line-color': c.host, width: 2.5 } },
    { selector: 'edge[kind = "link"]', style: { 'line-color': c.link, 'line-style': 'dashed', 'target-arrow-shape': 'triangle', 'target-arrow-color': c.link, color: c.link } },
    { selector: 'edge[kind = "shares"]', style: { 'line-color': c.shares, 'line-style': 'dotted', width: 2.5, 'target-arrow-shape': 'triangle', 'target-arrow-color': c.shares, color: c.shares } },
    { selector: 'edge[kind = "port"]', style: { 'line-color': c.port, 'target-arrow-shape': 'triangle', 'target-arrow-color': c.port, color: c.port, 'line-style': 'solid' } },
    { selector: 'edge[kind = "veth-ctr"], edge[kind = "veth-bridge"], edge[kind = "bridge-net"]', style: { 'line-color': c.vethEdge, width: 1, 'font-size': 8 } },
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'node.match', style: { 'border-color': c.match, 'border-width': 4 } },
    { selector: ':selected, .selected', style: { 'border-color': c.selected, 'border-width': 4, 'line-color': c.selected, 'target-arrow-color': c.selected } },
    { selector: 'node.drop-ok', style: { 'border-color': c.match, 'border-style': 'dashed', 'border-width': 3 } },
    { selector: 'node.drop-no', style: { 'border-color': c.isolated, 'border-style': 'dotted', opacity: 0.4 } },
    { selector: 'node.drop-target', style: { 'border-width': 6, 'background-color': c.match, 'background-opacity': 0.35 } },
    { selector: 'node.drop-target.drop-no', style: { 'border-color': c.isolated, 'background-color': c.isolated } },
    { selector: '.pending', style: { 'border-color': c.pending, 'line-color': c.pending, 'line-style': 'dashed' } },
  ] as StylesheetJson;
}
