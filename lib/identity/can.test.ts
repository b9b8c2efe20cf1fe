import { describe, expect, it } from 'vitest';
import { capabilities, undoNeedsAdmin } from './can';

describe('what the page offers', () => {
  it('follows the role on the engine, and read-only turns every change off', () => {
    expect(capabilities('viewer', false, false)).toEqual({ operate: false, administer: false, manageAccess: false });
    expect(capabilities('operator', false, false)).toEqual({ operate: true, administer: false, manageAccess: false });
    expect(capabilities('admin', true, false)).toEqual({ operate: true, administer: true, manageAccess: true });
    expect(capabilities('admin', true, true)).toEqual({ operate: false, administer: false, manageAccess: true });
    expect(capabilities(null, false, false).operate).toBe(false);
    expect(['network-create', 'network-remove', 'compose-write'].every(undoNeedsAdmin)).toBe(true);
    expect(undoNeedsAdmin('connect')).toBe(false);
  });
});
