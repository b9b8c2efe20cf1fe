/**
 * What the page offers a principal on one engine: it shows only what the role allows (the server
 * refuses the rest whatever the page shows, lib/identity/policy). Pure.
 */
import { atLeast, type Role } from './roles';

export interface Can {
  /** Connect, disconnect, undo a connect or disconnect, plans. */
  operate: boolean;
  /** Create and remove networks, "Test now", the agent, compose write-back, undo of those. */
  administer: boolean;
  /** Tokens and the access log: admin on every engine. */
  manageAccess: boolean;
}

export const NOTHING: Can = { operate: false, administer: false, manageAccess: false };

/** `role` on the page's engine, `everywhere` whether admin on every engine; read-only turns changes off. */
export function capabilities(role: Role | null, everywhereAdmin: boolean, readOnly: boolean): Can {
  return {
    operate: !readOnly && atLeast(role, 'operator'),
    administer: !readOnly && atLeast(role, 'admin'),
    manageAccess: everywhereAdmin,
  };
}

/** Whether undoing an entry of this kind needs admin (its inverse creates or removes a network, or writes a file). */
export const undoNeedsAdmin = (kind: string): boolean => kind === 'network-create' || kind === 'network-remove' || kind === 'compose-write';
