/** Where Switchyard keeps its files (activity logs, tokens and sessions): SWITCHYARD_DATA_DIR, else the XDG state directory. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { settings, type Settings } from './env';

export function dataDir(s: Settings = settings()): string {
  if (s.SWITCHYARD_DATA_DIR) return s.SWITCHYARD_DATA_DIR;
  const state = s.XDG_STATE_HOME ?? join(s.HOME ?? homedir(), '.local', 'state');
  return join(state, 'switchyard');
}
