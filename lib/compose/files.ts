/**
 * A compose project's files, found from its containers' labels and read from this machine's
 * disk: `com.docker.compose.project.config_files` (comma separated; compose 1.29 writes them
 * relative to `...working_dir`, compose 2 absolute), and the env file compose read (the
 * `...environment_file` label of compose 2, else `.env` in the working directory).
 *
 * The paths are the machine's where compose ran. Switchyard reads them only for an engine on
 * this machine (a unix socket), and says so otherwise; a file that cannot be read is named
 * with the reason. Only regular files up to 1 MiB are read; their text is never served.
 */
import 'server-only';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseEnvFile } from './env-file';
import { COMPOSE_LABELS } from './drift';
import { readProject, type ComposeSource, type ProjectRead } from './project';

const MAX_BYTES = 1 << 20;

export interface ProjectFiles {
  project: string;
  workingDir: string | null;
  configFiles: string[];
  /** The env files compose read for interpolation (explicit), or null for "`.env` in the working directory if there". */
  envFiles: string[] | null;
}

/** Where a project's files are, from one of its containers' labels; null without a config_files label. */
export function projectFiles(labels: Readonly<Record<string, string>>): ProjectFiles | null {
  const project = labels[COMPOSE_LABELS.project];
  const listed = labels[COMPOSE_LABELS.configFiles];
  if (!project || !listed) return null;
  const workingDir = labels[COMPOSE_LABELS.workingDir] || null;
  const abs = (p: string) => (isAbsolute(p) ? p : workingDir ? resolve(workingDir, p) : p);
  const split = (s: string) => s.split(',').map((p) => p.trim()).filter(Boolean).map(abs);
  const env = labels[COMPOSE_LABELS.envFiles];
  return { project, workingDir, configFiles: split(listed), envFiles: env ? split(env) : null };
}

/** A file's text, or why it cannot be read. */
export async function readSmallFile(path: string): Promise<{ text: string } | { error: string; missing: boolean }> {
  if (!isAbsolute(path)) return { error: `${path} is not an absolute path (compose recorded no working directory)`, missing: false };
  try {
    const s = await stat(path);
    if (!s.isFile()) return { error: `${path} is not a regular file`, missing: false };
    if (s.size > MAX_BYTES) return { error: `${path} is ${s.size} bytes, more than the 1 MiB Switchyard reads`, missing: false };
    return { text: await readFile(path, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: `${path} is not on this machine (moved or deleted since compose ran, or Switchyard runs in a container that does not mount it)`, missing: true };
    if (code === 'EACCES' || code === 'EPERM') return { error: `${path} cannot be read by the user Switchyard runs as`, missing: false };
    return { error: `${path} cannot be read (${code ?? (err as Error).message})`, missing: false };
  }
}

/** A project's files as read from disk once: its compose files in order, and its env. */
export interface ProjectTexts {
  sources: ComposeSource[];
  env: Record<string, string>;
}

/** Reads a project's compose files and env file (a missing default .env is no error). */
export async function readProjectTexts(p: ProjectFiles): Promise<{ ok: true; texts: ProjectTexts } | { ok: false; reason: string; file: string }> {
  const sources: ComposeSource[] = [];
  for (const path of p.configFiles) {
    const r = await readSmallFile(path);
    if ('error' in r) return { ok: false, reason: r.error, file: path };
    sources.push({ path, text: r.text });
  }
  const env: Record<string, string> = {};
  const envPaths = p.envFiles ?? (p.workingDir ? [resolve(p.workingDir, '.env')] : []);
  for (const path of envPaths) {
    const r = await readSmallFile(path);
    if ('error' in r) {
      // The default .env may well not be there; a named one must be.
      if (p.envFiles === null && r.missing) continue;
      return { ok: false, reason: `the env file ${r.error}`, file: path };
    }
    const parsed = parseEnvFile(r.text);
    if (parsed.badLines.length) return { ok: false, reason: `${path} has lines that are not KEY=VALUE (line ${parsed.badLines.join(', ')})`, file: path };
    Object.assign(env, parsed.values);
  }
  return { ok: true, texts: { sources, env } };
}

/** The project as compose reads it from texts already read, with `instead` in place of some files' text (a check of an edit). */
export function parseProjectTexts(p: ProjectFiles, texts: ProjectTexts, instead: ReadonlyMap<string, string> = new Map()): ProjectRead {
  const sources = texts.sources.map((s) => (instead.has(s.path) ? { path: s.path, text: instead.get(s.path)! } : s));
  return readProject(p.project, sources, texts.env);
}

/** Reads a project's files and env file, and the project as compose would see it. */
export async function loadProject(p: ProjectFiles): Promise<ProjectRead> {
  const r = await readProjectTexts(p);
  return r.ok ? parseProjectTexts(p, r.texts) : r;
}
