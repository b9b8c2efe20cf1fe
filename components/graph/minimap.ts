/**
 * An overview of the whole graph in a small canvas: every node as a dot in its kind's
 * colour, the part on screen as a frame. Click or drag in it to move the view there. Drawn
 * at most once per animation frame, and only when the graph or the view changed.
 */
import type { Core } from 'cytoscape';
import { boxOfNodes } from './boxes';

export interface MinimapColors { network: string; container: string; host: string; other: string; frame: string; bg: string }

export function attachMinimap(cy: Core, canvas: HTMLCanvasElement, colors: () => MinimapColors): () => void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return () => {};
  let frame = 0;
  let box = { x1: 0, y1: 0, w: 1, h: 1 };
  let scale = 1, ox = 0, oy = 0;

  const draw = () => {
    frame = 0;
    const W = canvas.width, H = canvas.height;
    const c = colors();
    ctx.fillStyle = c.bg;
    ctx.fillRect(0, 0, W, H);
    const nodes = cy.nodes();
    if (nodes.empty()) return;
    const bb = boxOfNodes(nodes) ?? nodes.boundingBox({ includeLabels: false });
    box = { x1: bb.x1, y1: bb.y1, w: Math.max(bb.w, 1), h: Math.max(bb.h, 1) };
    scale = Math.min((W - 8) / box.w, (H - 8) / box.h);
    ox = (W - box.w * scale) / 2;
    oy = (H - box.h * scale) / 2;
    const dot = Math.max(1.5, Math.min(4, scale * 60));
    for (const n of nodes) {
      if (n.isParent()) continue;
      const kind = n.data('kind') as string;
      ctx.fillStyle = kind === 'network' ? c.network : kind === 'container' ? c.container : kind === 'host' ? c.host : c.other;
      const p = n.position();
      const s = kind === 'network' || kind === 'host' ? dot * 1.8 : dot;
      ctx.fillRect(ox + (p.x - box.x1) * scale - s / 2, oy + (p.y - box.y1) * scale - s / 2, s, s);
    }
    const ext = cy.extent();
    ctx.strokeStyle = c.frame;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(ox + (ext.x1 - box.x1) * scale, oy + (ext.y1 - box.y1) * scale, ext.w * scale, ext.h * scale);
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };

  const moveTo = (evt: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    const mx = ((evt.clientX - r.left) * canvas.width) / r.width;
    const my = ((evt.clientY - r.top) * canvas.height) / r.height;
    const x = box.x1 + (mx - ox) / scale;
    const y = box.y1 + (my - oy) / scale;
    const z = cy.zoom();
    cy.pan({ x: cy.width() / 2 - x * z, y: cy.height() / 2 - y * z });
  };
  let dragging = false;
  const down = (e: PointerEvent) => { dragging = true; canvas.setPointerCapture(e.pointerId); moveTo(e); };
  const move = (e: PointerEvent) => { if (dragging) moveTo(e); };
  const up = () => { dragging = false; };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  cy.on('viewport add remove position resize', schedule);
  schedule();
  return () => {
    cy.off('viewport add remove position resize', schedule);
    canvas.removeEventListener('pointerdown', down);
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerup', up);
    if (frame) cancelAnimationFrame(frame);
  };
}
