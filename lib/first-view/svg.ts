/**
 * The server-drawn first view (lib/graph/preview) as SVG markup, with the graph's own colours,
 * icons and label sizes, in both colour schemes. It is in the page's HTML, so the graph is on
 * screen at the first paint, before any script has run; the page's Cytoscape takes over in
 * place and the preview goes. A small inline script puts nodes where the browser kept them
 * (the same positions Cytoscape will use) and leaves labels out where Cytoscape would at this
 * zoom; it steps aside when the user's own folds would draw a different graph.
 * `window.__switchyardPreview` says when it was in the page (`parsed`: painted with the first
 * contentful paint if that came later) and the start of the frame after one that painted it
 * (`at`, an upper bound). The script is ./bootstrap's previewScript.
 */
import type { GraphPreview, PreviewEdge, PreviewNode } from '@/lib/graph/preview';
import { storageKeys } from '@/lib/graph/browser-keys';
import { EDGE_FONT, MAX_FIT_ZOOM, MIN_LABEL_PX, NODE } from '@/lib/graph/geometry';
import { ICON_BODIES } from '@/lib/graph/icons';
import { PALETTES } from '@/lib/graph/palette';
import { GROUP_LABEL_GAP, GROUP_PADDING } from '@/lib/graph/preview';
import { inlineScript, placePreview, previewScript, type PreviewConfig } from './bootstrap';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r1 = (x: number) => Math.round(x * 10) / 10;

/** Stylesheet variables per scheme: the same palette as the Cytoscape stylesheet. */
function schemeVars(theme: 'light' | 'dark'): string {
  const c = PALETTES[theme];
  return Object.entries(c).map(([k, v]) => `--gp-${k}:${v}`).join(';');
}

const CSS = `
.gp{${schemeVars('light')}}
@media (prefers-color-scheme: dark){.gp{${schemeVars('dark')}}}
.gp .network .i{stroke:var(--gp-networkBorder)}.gp .network.builtin .i{stroke:var(--gp-builtinBorder)}.gp .network.overlay .i{stroke:var(--gp-overlayBorder)}
.gp .network.internal .i{stroke:var(--gp-internalBorder)}.gp .network.none-net .i{stroke:var(--gp-isolated)}
.gp .container .i{stroke:var(--gp-running)}.gp .container.stopped .i{stroke:var(--gp-stoppedBorder)}
.gp .container.state-paused .i,.gp .container.state-restarting .i{stroke:var(--gp-link)}
.gp .host .i{stroke:var(--gp-hostText)}.gp .project .i{stroke:var(--gp-textMuted)}
.gp text{font-family:"Helvetica Neue",Helvetica,sans-serif;fill:var(--gp-text)}
.gp .n rect{stroke-width:1.5}
.gp .network rect{fill:var(--gp-network);stroke:var(--gp-networkBorder);stroke-width:2}
.gp .network text{font-weight:bold}
.gp .network.builtin rect{fill:var(--gp-builtin);stroke:var(--gp-builtinBorder);stroke-dasharray:6 4}
.gp .network.internal rect{fill:var(--gp-internal);stroke:var(--gp-internalBorder);stroke-width:5}
.gp .network.overlay rect{fill:var(--gp-overlay);stroke:var(--gp-overlayBorder)}
.gp .network.none-net rect{stroke:var(--gp-isolated)}
.gp .network.collapsed rect{stroke-width:4}
.gp .container rect{fill:var(--gp-container);stroke:var(--gp-containerBorder)}
.gp .container.stopped rect{stroke:var(--gp-stoppedBorder);stroke-dasharray:6 4}
.gp .container.stopped text{fill:var(--gp-textMuted)}
.gp .container.isolated rect{stroke:var(--gp-isolated);stroke-width:2.5;stroke-dasharray:2 3}
.gp .host rect{fill:var(--gp-host);stroke:var(--gp-host)}
.gp .host text{fill:var(--gp-hostText);font-weight:bold}
.gp .project rect{fill:var(--gp-project);stroke:var(--gp-projectBorder);stroke-width:3}
.gp .group rect{fill:var(--gp-project);fill-opacity:.6;stroke:var(--gp-projectBorder);stroke-dasharray:6 4;stroke-width:1.5}
.gp .group text{fill:var(--gp-textMuted)}
.gp .e line,.gp .e path{stroke:var(--gp-edge);stroke-width:1.5}
.gp .e text{fill:var(--gp-textMuted);paint-order:stroke;stroke:var(--gp-bg);stroke-width:4px;stroke-linejoin:round}
.gp .e.stopped{opacity:.6}
.gp .e.stopped line{stroke-dasharray:6 4}
.gp .e.host-mode line{stroke:var(--gp-hostEdge);stroke-width:2.5}
.gp .e.link line,.gp .e.agg-link line,.gp .e.link path{stroke:var(--gp-link);stroke-dasharray:6 4}
.gp .e.shares line,.gp .e.agg-shares line,.gp .e.shares path{stroke:var(--gp-shares);stroke-dasharray:2 3;stroke-width:2.5}
.gp .e.port line,.gp .e.agg-port line{stroke:var(--gp-port)}
.gp .e.aggregate text{fill:var(--gp-text);font-weight:bold}
.gp .e.link text{fill:var(--gp-link)}.gp .e.shares text{fill:var(--gp-shares)}.gp .e.port text{fill:var(--gp-port)}
.gp.no-node-labels .n text,.gp.no-node-labels .group text,.gp.no-edge-labels .e text{display:none}
`;

/** The icons, drawn once in the SVG's defs and used by reference, coloured by the stylesheet. */
const ICON_DEFS = Object.entries(ICON_BODIES).map(([k, body]) =>
  `<symbol id="gp-icon-${k}" viewBox="0 0 24 24"><g fill="none" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</g></symbol>`).join('');

function nodeSvg(n: PreviewNode): string {
  const { w, h } = n;
  const withIcon = n.kind === 'network' || n.kind === 'container' || n.kind === 'project';
  const rx = n.kind === 'container' ? 12 : 8;
  const [ix, iy] = n.kind === 'host' ? [-11, -h / 2 + 14] : [-w / 2 + 12, -11];
  const images = n.kind in ICON_BODIES ? `<use class="i" href="#gp-icon-${n.kind}" x="${r1(ix)}" y="${r1(iy)}" width="22" height="22"/>` : '';
  const lh = n.font * 1.2;
  const dx = withIcon ? 14 : 0;
  const dy = n.kind === 'host' ? 12 : 0;
  const text = n.lines.map((line, i) => `<tspan x="${dx}" y="${r1(dy + (i - (n.lines.length - 1) / 2) * lh)}">${esc(line)}</tspan>`).join('');
  return `<g class="n ${esc(n.classes.join(' '))}" data-id="${esc(n.id)}" data-x="${r1(n.x)}" data-y="${r1(n.y)}" data-w="${w}" data-h="${h}" transform="translate(${r1(n.x)} ${r1(n.y)})">`
    + `<rect x="${-w / 2}" y="${-h / 2}" width="${w}" height="${h}" rx="${rx}"/>${images}`
    + `<text font-size="${n.font}" text-anchor="middle" dominant-baseline="central">${text}</text></g>`;
}

function edgeSvg(e: PreviewEdge, at: Map<string, { x: number; y: number }>): string {
  const a = at.get(e.source), b = at.get(e.target);
  if (!a || !b) return '';
  const width = e.kind === 'aggregate' && e.count !== null ? ` style="stroke-width:${r1(2 + (8 * (Math.min(60, Math.max(1, e.count)) - 1)) / 59)}px"` : '';
  // A curve round other containers (lib/graph/edge-route) is a path; the script draws it straight if a node moves.
  const line = e.curve
    ? `<path d="M${r1(a.x)} ${r1(a.y)} Q${r1(e.curve.x)} ${r1(e.curve.y)} ${r1(b.x)} ${r1(b.y)}" data-x1="${r1(a.x)}" data-y1="${r1(a.y)}" data-x2="${r1(b.x)}" data-y2="${r1(b.y)}" fill="none"${width}/>`
    : `<line x1="${r1(a.x)}" y1="${r1(a.y)}" x2="${r1(b.x)}" y2="${r1(b.y)}"${width}/>`;
  // The label level, where lib/graph/label-place put it (an offset from the middle); a tucked one is left out, as in the page.
  const label = e.label && e.labelAt
    ? `<text font-size="${EDGE_FONT}" text-anchor="middle" dominant-baseline="central" data-dx="${e.labelAt.dx}" data-dy="${e.labelAt.dy}" transform="translate(${r1((a.x + b.x) / 2 + e.labelAt.dx)} ${r1((a.y + b.y) / 2 + e.labelAt.dy)})">${esc(e.label)}</text>`
    : '';
  return `<g class="e ${esc(e.classes.join(' '))}" data-s="${esc(e.source)}" data-t="${esc(e.target)}">${line}${label}</g>`;
}

/** The preview's markup: a wrapper the page places over the graph, the SVG, and its script. */
export function previewHtml(p: GraphPreview): string {
  const at = new Map<string, { x: number; y: number }>(p.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
  for (const g of p.groups) at.set(g.id, { x: (g.x1 + g.x2) / 2, y: (g.y1 + g.y2) / 2 });
  const { x1, y1, x2, y2 } = p.box;
  const w = x2 - x1, h = y2 - y1;
  const groups = p.groups.map((g) => `<g class="group" data-id="${esc(g.id)}" data-members="${esc(g.members.join(' '))}">`
    + `<rect x="${r1(g.x1)}" y="${r1(g.y1)}" width="${r1(g.x2 - g.x1)}" height="${r1(g.y2 - g.y1)}" rx="8"/>`
    + `<text x="${r1((g.x1 + g.x2) / 2)}" y="${r1(g.y1 - GROUP_LABEL_GAP)}" font-size="14" text-anchor="middle">${esc(g.label)}</text></g>`).join('');
  const nodes = p.nodes.map(nodeSvg).join('');
  const svg = `<svg class="gp" xmlns="http://www.w3.org/2000/svg" viewBox="${r1(x1)} ${r1(y1)} ${r1(w)} ${r1(h)}" style="width:${r1(w * MAX_FIT_ZOOM)}px;height:${r1(h * MAX_FIT_ZOOM)}px;max-width:100%;max-height:100%" preserveAspectRatio="xMidYMid meet" role="img" aria-label="Network topology graph (loading)">`
    + `<style>${CSS}</style><defs>${ICON_DEFS}</defs><g>${groups}</g><g>${p.edges.map((e) => edgeSvg(e, at)).join('')}</g><g>${nodes}</g></svg>`;
  const keys = storageKeys(p.engineId);
  const cfg: PreviewConfig = {
    positionsKey: keys.positions, foldsKey: keys.folds, groupPadding: GROUP_PADDING, groupLabelGap: GROUP_LABEL_GAP,
    maxFitZoom: MAX_FIT_ZOOM, containerFont: NODE.container.font, minLabelPx: MIN_LABEL_PX, edgeFont: EDGE_FONT,
  };
  return `<div class="absolute inset-0 flex items-center justify-center p-6" data-testid="graph-preview" data-engine="${esc(p.engineId)}" data-aspect="${p.aspect}">${svg}</div><script>${inlineScript(previewScript, placePreview, cfg)}</script>`;
}
