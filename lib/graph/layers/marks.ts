/**
 * Layers that mark the elements they are handed with one class each:
 * - `path`: a reachability verdict's path (the inspector's "Show path");
 * - `pending`: elements with a change under way (a connect or disconnect being made);
 * - `changed`: what the timeline's "changes since" found added or changed.
 */
import { idsLayer } from './layer';

export const pathLayer = idsLayer('path', 'path');
export const pendingLayer = idsLayer('pending', 'pending');
export const changedLayer = idsLayer('changed', 'changed');
