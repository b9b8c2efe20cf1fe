/**
 * Dragging a container over the networks marks those it may join and the one under it;
 * dropping it on a network asks to connect, and the node goes back where it was (the graph
 * shows the new edge once the engine has it).
 */
import type { Core, EventObject, NodeSingular } from 'cytoscape';

export interface DropHandlers {
  current: {
    canJoin?: (containerId: string, networkId: string) => boolean;
    onDropOnNetwork?: (containerId: string, networkId: string) => void;
  };
}

export function bindDragToConnect(cy: Core, handlers: DropHandlers, onMoved: (id: string) => void) {
  let drag: { node: NodeSingular; start: { x: number; y: number }; over: NodeSingular | null } | null = null;
  const networks = () => cy.nodes('[kind = "network"]');
  cy.on('grab', 'node[kind = "container"]', (evt: EventObject) => {
    if (!handlers.current.onDropOnNetwork) return; // read-only: dragging only moves nodes
    const node = evt.target as NodeSingular;
    drag = { node, start: { ...node.position() }, over: null };
    const can = handlers.current.canJoin;
    networks().forEach((n) => {
      n.addClass(can && !can(node.data('ref') as string, n.data('ref') as string) ? 'drop-no' : 'drop-ok');
    });
  });
  cy.on('drag', 'node[kind = "container"]', (evt: EventObject) => {
    if (!drag) return;
    const p = (evt.target as NodeSingular).position();
    const over = networks().filter((n) => {
      const b = n.boundingBox();
      return p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;
    }).first() as NodeSingular;
    if (drag.over && (over.empty() || drag.over.id() !== over.id())) drag.over.removeClass('drop-target');
    drag.over = over.nonempty() ? (over.addClass('drop-target') as NodeSingular) : null;
  });
  cy.on('free', 'node[kind = "container"]', () => {
    if (!drag) return;
    const { node, start, over } = drag;
    drag = null;
    networks().removeClass('drop-ok drop-no drop-target');
    if (!over) {
      onMoved(node.id());
      return;
    }
    node.position(start);
    handlers.current.onDropOnNetwork?.(node.data('ref') as string, over.data('ref') as string);
  });
}
