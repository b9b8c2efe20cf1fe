/**
 * Text widths without a browser, and names shortened to fit a width. Pure, so the elements
 * (lib/graph/elements), the server-drawn first view and the label placement (./label-place)
 * agree on them on the server and in the page.
 *
 * Widths are Arial's advance widths (Liberation Sans, which Chromium on Linux draws for the
 * graph's "Helvetica Neue", Helvetica, sans-serif, has the same metrics), times a margin for
 * Helvetica Neue, which macOS draws and which runs up to about 5 % wider: an estimate that
 * errs on the wide side, so a name it says fits does fit (the e2e tests hold Chromium to it).
 */

/** Arial's advance widths, in thousandths of an em, for the printable ASCII characters (32-126). */
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' ' .. '/'
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // '0' .. '?'
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // '@' .. 'O'
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 'P' .. '_'
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // '`' .. 'o'
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 'p' .. '~'
];
/** A few non-ASCII characters the labels use; others count as a wide character. */
const OTHER: Record<string, number> = { '·': 278, '…': 1000, '→': 1000, '↔': 1000, '▸': 700, '×': 584, ' ': 278 };
const WIDE = 1000;
/** How much wider than Arial a face the browser may pick can be. */
export const FACE_MARGIN = 1.05;
/** Bold Arial is this much wider on average over names (lowercase, digits, dashes). */
const BOLD = 1.08;

/** The width of one line of text at `fontPx`, in the same units as the font size. */
export function textWidth(text: string, fontPx: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? ASCII[code - 32]! : OTHER[ch] ?? WIDE;
  }
  return (units / 1000) * fontPx * FACE_MARGIN * (bold ? BOLD : 1);
}

const ELLIPSIS = '…';

/**
 * `text` shortened in the middle, with an ellipsis, to at most `maxPx` wide: the start and the
 * end of a name are what tell names apart (`redis-cluster-node-1` vs `…-node-2`, a task's slot
 * and id). Unchanged where it fits.
 */
export function middleEllipsis(text: string, maxPx: number, fontPx: number, bold = false): string {
  if (textWidth(text, fontPx, bold) <= maxPx) return text;
  const chars = [...text];
  // Keep as much as fits, a little more of the end than of the start.
  let keep = chars.length - 1;
  while (keep > 1) {
    const tail = Math.ceil(keep / 2);
    const head = keep - tail;
    const s = chars.slice(0, head).join('') + ELLIPSIS + chars.slice(chars.length - tail).join('');
    if (textWidth(s, fontPx, bold) <= maxPx) return s;
    keep--;
  }
  return ELLIPSIS;
}

/** A Swarm task's container name: `<service>.<slot or node id>.<task id>` (the task id is 25 characters). */
const TASK_NAME = /^(.+)\.([a-z0-9]{25})$/;

/**
 * A container's name as the graph shows it, fitted to `maxPx`: a Swarm task as its service and
 * slot and the short task id (`api.1 · stk7el95bm7a`, as `docker service ps` shows it; the id
 * cut shorter, down to 5 characters, before the slot would go); any other name shortened in the
 * middle where it does not fit. The full name stays in the element's data, the hover title
 * and the inspector.
 */
export function shownName(name: string, maxPx = Infinity, fontPx = 15): string {
  const m = TASK_NAME.exec(name);
  if (!m) return middleEllipsis(name, maxPx, fontPx);
  const head = m[1]!, id = m[2]!;
  for (let k = 12; k >= 5; k--) {
    const s = `${head} · ${id.slice(0, k)}`;
    if (textWidth(s, fontPx) <= maxPx) return s;
  }
  return middleEllipsis(head, maxPx, fontPx);
}
