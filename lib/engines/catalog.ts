/**
 * Every engine Switchyard can show: the docker CLI's contexts (lib/engines/contexts) and the
 * engines of SWITCHYARD_ENGINES (lib/engines/engines-file), read again at most once a second,
 * so a `docker context create` or `docker context use` shows without a restart.
 */
import 'server-only';
import { readdirSync, readFileSync } from 'node:fs';
import { settings } from '@/lib/config/env';
import { readContexts, type ConfigReader, type EngineSpec } from './contexts';
import { parseEnginesFile } from './engines-file';

export interface Catalog {
  /** The engine a request without ?engine= is about: the CLI's current context. */
  current: string;
  engines: EngineSpec[];
  problems: string[];
}

const fsReader: ConfigReader = {
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
};

const TTL_MS = 1000;
let cached: { at: number; settings: object; catalog: Catalog } | null = null;

export function readCatalog(reader: ConfigReader = fsReader): Catalog {
  const s = settings();
  const ctx = readContexts(s, reader);
  const engines = [...ctx.engines];
  const problems = [...ctx.problems];
  if (s.SWITCHYARD_ENGINES) {
    const text = reader.read(s.SWITCHYARD_ENGINES);
    if (text === null) problems.push(`${s.SWITCHYARD_ENGINES} (SWITCHYARD_ENGINES) cannot be read`);
    else {
      const file = parseEnginesFile(text, s.SWITCHYARD_ENGINES);
      problems.push(...file.problems);
      for (const e of file.engines) {
        if (engines.some((x) => x.name === e.name)) problems.push(`${s.SWITCHYARD_ENGINES} (SWITCHYARD_ENGINES) names ${e.name}, which is a docker context already: the context is used`);
        else engines.push(e);
      }
    }
  }
  return { current: ctx.current, engines, problems };
}

/** The catalog, read again when it is more than a second old, or the settings were read again (lib/config/env). */
export function catalog(): Catalog {
  const now = Date.now();
  const s = settings();
  if (!cached || cached.settings !== s || now - cached.at > TTL_MS) cached = { at: now, settings: s, catalog: readCatalog() };
  return cached.catalog;
}
