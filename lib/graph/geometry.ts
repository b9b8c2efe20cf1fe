/**
 * Node sizes and label sizes in model units, shared by the stylesheet and the layouts, so a
 * layout leaves exactly the room the nodes take. Labels are sized so that, at the zoom the
 * seed lab fits at, they are drawn at 11 px or more on screen.
 */
export const NODE = {
  container: { w: 224, h: 44, font: 15 },
  network: { w: 220, h: 72, font: 15 },
  /** A folded network or project: one more line for its member count. */
  folded: { w: 270, h: 90, font: 15 },
  host: { w: 110, h: 90, font: 15 },
  /** A peer outside the host (the Traffic layer): one address. */
  peer: { w: 170, h: 44, font: 13 },
  project: { w: 220, h: 58, font: 14 },
  bridge: { w: 170, h: 50, font: 12 },
  veth: { w: 110, h: 34, font: 11 },
} as const;

export const EDGE_FONT = 12;

/** The largest zoom the first view and focusing use: a tiny graph is not blown up. */
export const MAX_FIT_ZOOM = 1.3;

/** Below this zoom, labels would be drawn under ~6 px: the renderer leaves them out. */
export const MIN_LABEL_PX = 6;

/**
 * A container's node grows with its name or image up to this width (lib/graph/elements sets
 * its `w`); past it, the text is shortened in the middle.
 */
export const CONTAINER_MAX_W = 300;
/** Room in a container node beside its text: the icon on the left, padding on the right. */
export const CONTAINER_TEXT_PAD = 44;

/** A node's size; `w` is a container's own width where its text made it wider (its data's `w`). */
export function nodeSize(kind: string, folded: boolean, w?: unknown): { w: number; h: number } {
  if (folded && (kind === 'network' || kind === 'project')) return NODE.folded;
  if (kind === 'container' && typeof w === 'number' && w > NODE.container.w) return { w, h: NODE.container.h };
  return (NODE as Record<string, { w: number; h: number }>)[kind] ?? NODE.container;
}

/**
 * The room a node's label has (the stylesheet's text-max-width: the node less its icon and
 * padding), its font and weight: labels are shortened to it (lib/graph/text-fit), so none
 * runs out of its node. A group's (unfolded project's) label sits above its box, as wide as
 * one member and the box's padding.
 */
export function labelWidth(kind: keyof typeof NODE, folded: boolean): { max: number; font: number; bold: boolean } {
  switch (kind) {
    case 'network': return { max: (folded ? NODE.folded.w : NODE.network.w) - 50, font: NODE.network.font, bold: true };
    case 'project': return folded ? { max: NODE.folded.w - 50, font: NODE.project.font, bold: false } : { max: NODE.container.w + 28, font: NODE.project.font, bold: false };
    case 'host': return { max: NODE.host.w - 14, font: NODE.host.font, bold: true };
    case 'bridge': return { max: NODE.bridge.w - 56, font: NODE.bridge.font, bold: false };
    case 'veth': return { max: NODE.veth.w - 24, font: NODE.veth.font, bold: false };
    default: return { max: NODE.container.w - CONTAINER_TEXT_PAD, font: NODE.container.font, bold: false };
  }
}
