/**
 * The graph's stylesheet: data, keyed on element kinds and classes, with colours from named
 * constants. One palette per colour scheme.
 */
import type { StylesheetJson } from 'cytoscape';
import { EDGE_FONT, MIN_LABEL_PX, NODE } from '@/lib/graph/geometry';
import { containerIcon, hostIcon, networkIcon, projectIcon } from '@/lib/graph/icons';
import { PALETTES } from '@/lib/graph/palette';
import { CLOSE, PEEK, TUCKED } from './edge-labels';
import type { OverviewColors } from './overview';

import type { Theme } from '@/lib/graph/palette';

export type { Theme };


export function graphStyle(theme: Theme): StylesheetJson {
  const c = PALETTES[theme];
  const icon = { 'background-width': '22px', 'background-height': '22px', 'background-position-x': '12px', 'background-position-y': '50%', 'background-clip': 'none', 'background-image-containment': 'over', 'text-margin-x': 14 };
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)', 'text-wrap': 'wrap', 'text-valign': 'center', 'text-halign': 'center',
        'font-size': NODE.container.font, 'line-height': 1.2, color: c.text, 'border-width': 1.5, 'text-max-width': `${NODE.container.w - 44}px`,
        width: NODE.container.w, height: NODE.container.h, shape: 'round-rectangle', 'min-zoomed-font-size': MIN_LABEL_PX,
      },
    },
    {
      selector: 'node[kind = "network"]',
      style: {
        'background-color': c.network, 'border-color': c.networkBorder, 'border-width': 2, 'font-weight': 'bold', 'font-size': NODE.network.font,
        width: NODE.network.w, height: NODE.network.h, 'text-max-width': `${NODE.network.w - 50}px`, 'background-image': networkIcon(c.networkBorder), ...icon,
      },
    },
    { selector: 'node.builtin', style: { 'background-color': c.builtin, 'border-color': c.builtinBorder, 'border-style': 'dashed', 'background-image': networkIcon(c.builtinBorder) } },
    { selector: 'node.internal', style: { 'background-color': c.internal, 'border-color': c.internalBorder, 'border-style': 'double', 'border-width': 5, 'background-image': networkIcon(c.internalBorder) } },
    { selector: 'node.overlay', style: { 'background-color': c.overlay, 'border-color': c.overlayBorder, shape: 'cut-rectangle', 'background-image': networkIcon(c.overlayBorder) } },
    { selector: 'node.none-net', style: { 'border-color': c.isolated, 'background-image': networkIcon(c.isolated) } },
    {
      selector: 'node[kind = "container"]',
      style: { 'background-color': c.container, 'border-color': c.containerBorder, 'corner-radius': 12, 'background-image': containerIcon(c.running), ...icon },
    },
    // A container whose name or image needs more room (lib/graph/elements: up to CONTAINER_MAX_W).
    { selector: 'node[kind = "container"][w]', style: { width: 'data(w)', 'text-max-width': 'data(tw)' } },
    { selector: 'node.stopped', style: { 'border-style': 'dashed', 'border-color': c.stoppedBorder, color: c.textMuted, 'background-image': containerIcon(c.stoppedBorder) } },
    { selector: 'node.state-paused, node.state-restarting', style: { 'border-color': c.link, 'border-width': 3, 'background-image': containerIcon(c.link) } },
    // Switchyard's own agent container (lib/agent): marked as Switchyard's.
    { selector: 'node.switchyard-agent', style: { 'border-style': 'double', 'border-width': 4, 'border-color': c.link } },
    // A swarm task on a node the fleet does not reach (lib/fleet/merge): known to run, not read.
    { selector: 'node.state-unreachable', style: { 'border-style': 'dotted', 'border-width': 2.5, 'border-color': c.stoppedBorder, color: c.textMuted, 'background-image': containerIcon(c.stoppedBorder) } },
    { selector: 'node.isolated', style: { 'border-color': c.isolated, 'border-width': 2.5, 'border-style': 'dotted' } },
    {
      selector: 'node[kind = "host"]',
      style: {
        'background-color': c.host, color: c.hostText, shape: 'round-rectangle', 'font-weight': 'bold', 'font-size': NODE.host.font, width: NODE.host.w, height: NODE.host.h,
        'background-image': hostIcon(c.hostText), 'background-position-x': '50%', 'background-position-y': '14px', 'background-width': '22px', 'background-height': '22px', 'text-margin-y': 12, 'text-max-width': `${NODE.host.w - 10}px`,
      },
    },
    {
      selector: 'node[kind = "project"]',
      style: {
        'background-color': c.project, 'background-opacity': 0.6, 'border-color': c.projectBorder, 'border-style': 'dashed',
        'text-valign': 'top', 'text-halign': 'center', color: c.textMuted, 'font-size': NODE.project.font, padding: '14px',
      },
    },
    {
      selector: 'node[kind = "project"].collapsed',
      style: {
        'background-opacity': 1, 'text-valign': 'center', color: c.text, 'border-width': 3, 'border-style': 'double', width: NODE.folded.w, height: NODE.folded.h,
        'background-image': projectIcon(c.textMuted), ...icon, 'text-max-width': `${NODE.folded.w - 50}px`,
      },
    },
    // Swarm groups: a service (solid, the overlay's violet) and a node (solid, the host's slate).
    { selector: 'node.group-service', style: { 'border-color': c.overlayBorder, 'border-style': 'solid', 'border-width': 2, color: c.text } },
    { selector: 'node.group-node', style: { 'border-color': c.host, 'border-style': 'solid', 'border-width': 3, color: c.text } },
    { selector: 'node[kind = "network"].collapsed', style: { width: NODE.folded.w, height: NODE.folded.h, 'border-width': 4, 'border-style': 'double', 'text-max-width': `${NODE.folded.w - 50}px` } },
    { selector: 'node[kind = "bridge"]', style: { 'background-color': c.bridge, 'border-color': c.bridgeBorder, shape: 'diamond', width: NODE.bridge.w, height: NODE.bridge.h, 'font-size': NODE.bridge.font } },
    { selector: 'node[kind = "veth"]', style: { 'background-color': c.veth, 'border-color': c.vethEdge, shape: 'tag', 'font-size': NODE.veth.font, width: NODE.veth.w, height: NODE.veth.h } },
    {
      selector: 'node[kind = "peer"]',
      style: { 'background-color': c.peer, 'border-color': c.peerBorder, 'border-width': 2, width: NODE.peer.w, height: NODE.peer.h, 'font-size': NODE.peer.font, 'text-max-width': `${NODE.peer.w - 16}px` },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5, 'line-color': c.edge, 'curve-style': 'straight', label: 'data(label)', 'font-size': EDGE_FONT, color: c.textMuted, 'min-zoomed-font-size': 8,
        'text-background-color': c.bg, 'text-background-opacity': 0.9, 'text-background-padding': '2px',
        // Level, not along the edge: placed where its box is clear (./edge-labels), the box is all it takes.
        'text-rotation': 'none',
      },
    },
    { selector: 'edge[kind = "link"], edge[kind = "shares"], edge[kind = "port"]', style: { 'curve-style': 'bezier' } },
    { selector: 'edge.stopped', style: { 'line-style': 'dashed', opacity: 0.6 } },
    { selector: 'edge.host-mode', style: { 'line-color': c.hostEdge, width: 2.5 } },
    { selector: 'edge[kind = "link"]', style: { 'line-color': c.link, 'line-style': 'dashed', 'target-arrow-shape': 'triangle', 'target-arrow-color': c.link, color: c.link } },
    { selector: 'edge[kind = "shares"]', style: { 'line-color': c.shares, 'line-style': 'dotted', width: 2.5, 'target-arrow-shape': 'triangle', 'target-arrow-color': c.shares, color: c.shares } },
    { selector: 'edge[kind = "port"]', style: { 'line-color': c.port, 'target-arrow-shape': 'triangle', 'target-arrow-color': c.port, color: c.port, 'line-style': 'solid' } },
    { selector: 'edge[kind = "veth-ctr"], edge[kind = "veth-bridge"], edge[kind = "bridge-net"]', style: { 'line-color': c.vethEdge, width: 1, 'font-size': 11 } },
    // A macvlan or ipvlan network's parent: a host interface, not a bridge (the host cannot reach the network's containers through it).
    { selector: 'node.parent-iface', style: { shape: 'round-rectangle' } },
    { selector: 'edge.parent-net', style: { 'line-style': 'dashed' } },
    { selector: 'edge[kind = "vip"]', style: { 'line-color': c.overlayBorder, 'line-style': 'dashed', width: 2.5, 'target-arrow-shape': 'diamond', 'target-arrow-color': c.overlayBorder, color: c.overlayBorder, 'curve-style': 'bezier' } },
    { selector: 'edge[kind = "aggregate"]', style: { width: 'mapData(count, 1, 60, 2, 10)', 'line-color': c.edge, 'line-opacity': 0.8, color: c.text, 'font-weight': 'bold' } },
    { selector: 'edge.agg-link', style: { 'line-color': c.link, 'line-style': 'dashed' } },
    { selector: 'edge.agg-shares', style: { 'line-color': c.shares, 'line-style': 'dotted' } },
    { selector: 'edge.agg-port', style: { 'line-color': c.port } },
    // The Traffic layer (lib/graph/layers/traffic): flows client -> server, as wide as their rate or connections.
    { selector: 'edge[kind = "flow"]', style: { width: 'data(fw)', 'line-color': c.flow, 'target-arrow-shape': 'triangle', 'target-arrow-color': c.flow, 'arrow-scale': 1.2, color: c.flow, 'font-weight': 'bold', 'curve-style': 'bezier', 'z-index': 8 } },
    { selector: 'edge.flow-closed', style: { 'line-style': 'dotted', 'line-opacity': 0.7 } },
    // A folded group's own traffic: a loop out of its left side (a card's network is on the left, its members on the right),
    // over the nodes; its words on hover or selection (the traffic panel lists them too).
    { selector: 'edge.flow-inside', style: { 'curve-style': 'bezier', 'loop-direction': '-90deg', 'loop-sweep': '-60deg', 'control-point-step-size': 110, 'z-index-compare': 'manual', 'z-index': 30, label: '' } },
    { selector: `edge.flow-inside:selected, edge.flow-inside.${PEEK}, edge.flow-inside.nbr`, style: { label: 'data(label)' } },
    { selector: 'edge.flow-failing', style: { 'line-color': c.isolated, 'target-arrow-color': c.isolated, 'target-arrow-shape': 'tee', color: c.isolated, 'line-style': 'dashed', 'line-dash-pattern': [8, 5] } },
    { selector: 'node.talking', style: { 'border-color': c.flow, 'border-width': 3 } },
    // The Exposure layer: containers other machines can reach through a published port.
    { selector: 'node.exposed-all', style: { 'border-color': c.isolated, 'border-width': 5, 'border-style': 'double' } },
    { selector: 'node.exposed', style: { 'border-color': c.exposed, 'border-width': 4 } },
    { selector: 'node.exposed-narrowed', style: { 'border-color': c.exposed, 'border-width': 2, 'border-style': 'dashed' } },
    { selector: 'edge.exposed-port', style: { 'line-color': c.isolated, 'target-arrow-color': c.isolated, width: 3 } },
    // The Drift layer: compose containers that differ from their files; the edges a recreate would cut.
    { selector: 'node.drift', style: { 'border-color': c.drift, 'border-width': 4, 'border-style': 'dashed' } },
    { selector: 'node.drift-up', style: { 'border-color': c.drift, 'border-width': 5, 'border-style': 'double' } },
    { selector: 'node.drift-unknown', style: { 'border-color': c.textMuted, 'border-width': 3, 'border-style': 'dotted' } },
    { selector: 'edge.drift-extra', style: { 'line-color': c.drift, 'target-arrow-color': c.drift, 'line-style': 'dashed', 'line-dash-pattern': [4, 4], width: 3 } },
    // A label with no clear spot (./edge-labels) is drawn only when asked for: hover, a selection, closer zoom.
    { selector: `edge.${TUCKED}`, style: { label: '' } },
    { selector: `edge.${TUCKED}.${PEEK}, edge.${TUCKED}:selected, edge.${TUCKED}.nbr, edge.${TUCKED}.path, edge.${TUCKED}.${CLOSE}`, style: { label: 'data(label)', 'z-index': 20 } },
    { selector: '.faded', style: { opacity: 0.2 } },
    { selector: 'node.match', style: { 'border-color': c.match, 'border-width': 4 } },
    { selector: '.nbr', style: { 'border-color': c.selected, 'border-width': 3, 'line-color': c.selected, 'target-arrow-color': c.selected, opacity: 1 } },
    { selector: 'node:selected', style: { 'border-color': c.selected, 'border-width': 5, opacity: 1 } },
    { selector: 'edge:selected', style: { 'line-color': c.selected, 'target-arrow-color': c.selected, width: 4, opacity: 1 } },
    { selector: 'node.drop-ok', style: { 'border-color': c.match, 'border-style': 'dashed', 'border-width': 3 } },
    { selector: 'node.drop-no', style: { 'border-color': c.isolated, 'border-style': 'dotted', opacity: 0.4 } },
    { selector: 'node.drop-target', style: { 'border-width': 6, 'background-color': c.match, 'background-opacity': 0.35 } },
    { selector: 'node.drop-target.drop-no', style: { 'border-color': c.isolated, 'background-color': c.isolated } },
    { selector: 'node.path', style: { 'border-color': c.match, 'border-width': 5, opacity: 1 } },
    { selector: 'edge.path', style: { 'line-color': c.match, 'target-arrow-color': c.match, width: 5, opacity: 1, 'z-index': 10 } },
    // "What changed since": added and changed elements (the timeline's diff).
    { selector: 'node.changed', style: { 'border-color': c.changed, 'border-width': 5, 'border-style': 'double', opacity: 1 } },
    { selector: 'edge.changed', style: { 'line-color': c.changed, 'target-arrow-color': c.changed, width: 5, opacity: 1, 'z-index': 9 } },
    { selector: '.pending', style: { 'border-color': c.pending, 'line-color': c.pending, 'line-style': 'dashed' } },
  ] as StylesheetJson;
}

/** The minimap's colours, from the same palette. */
export function minimapColors(theme: Theme) {
  const c = PALETTES[theme];
  return { network: c.networkBorder, container: c.textMuted, host: c.host, other: c.vethEdge, frame: c.selected, bg: c.minimapBg };
}

/** The zoomed-out overview's colours (components/graph/overview), from the same palette. */
export function overviewColors(theme: Theme): OverviewColors {
  const c = PALETTES[theme];
  return {
    bg: c.bg, edge: c.edge, text: c.text,
    network: c.network, networkBorder: c.networkBorder, builtin: c.builtin, builtinBorder: c.builtinBorder,
    internal: c.internal, internalBorder: c.internalBorder, overlay: c.overlay, overlayBorder: c.overlayBorder,
    container: c.container, containerBorder: c.containerBorder, stoppedBorder: c.stoppedBorder, running: c.running,
    host: c.host, project: c.project, projectBorder: c.projectBorder,
    link: c.link, shares: c.shares, port: c.port, isolated: c.isolated, vethEdge: c.vethEdge, bridge: c.bridge, veth: c.veth,
    selected: c.selected, match: c.match, pending: c.pending, changed: c.changed,
  };
}
