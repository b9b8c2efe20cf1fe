/**
 * "Make it last", on disk: the unified diff that makes a compose container's service say what
 * the container runs with (GET), and its application on confirmation (POST), logged in the
 * activity timeline with the diff; undo restores the file.
 *
 * Applying re-reads the file and refuses if it (or the container) changed since the diff was
 * made (both are named by a SHA-256 the diff carried); keeps a backup beside the file; writes
 * atomically (a temporary file renamed over it, with the file's mode and owner); then checks
 * the result by reading the project again, and with `docker-compose config` /
 * `docker compose config` where one is installed (only if it read the files before the change
 * too). A failed check puts the original back. Only the project's own files are written, only
 * for an engine on this machine; a read-only server refuses every POST (proxy.ts).
 */
import 'server-only';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chown, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { isLocalEndpoint } from '@/lib/docker/endpoint';
import { done, refuse, refused, type Outcome, type Refusal } from '@/lib/rewire/refusal';
import type { TopologyStore } from '@/lib/store/topology-store';
import { findContainer } from '@/lib/topology/select';
import type { Topology, TopoContainer } from '@/lib/topology/types';
import { isComposeServiceContainer } from './drift';
import { loadProject, parseProjectTexts, projectFiles, readProjectTexts, readSmallFile, type ProjectFiles, type ProjectTexts } from './files';
import { lastingChange, type LastingChange } from './lasting';
import { editServiceNetworks } from './write-back';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface WriteProposal {
  container: { id: string; name: string };
  project: string;
  service: string;
  file: string;
  /** Unified diff of the file as it is and as it would be written. Empty when the file already says it. */
  diff: string;
  /** SHA-256 of the file as read for this diff. */
  base: string;
  /** SHA-256 of the file as it would be written. */
  result: string;
  changes: boolean;
}

interface Prepared {
  proposal: WriteProposal;
  change: LastingChange;
  files: ProjectFiles;
  original: string;
  next: string;
}

const conflict = (m: string, hint: string | null = null) => refuse('conflict', m, hint);

export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(file, file, before, after, 'on disk', 'as Switchyard would write it', { context: 3 });
}

async function prepare(store: TopologyStore, containerRef: string, file: string | null): Promise<Outcome<Prepared>> {
  const t = await store.refresh({ containers: [containerRef] });
  const c = findContainer(t, containerRef);
  if (!c) return refused(refuse('not-found', `container: no container "${containerRef.slice(0, 64)}" on this engine`, 'check the name with `docker ps -a`'));
  const engine = await store.conn.get();
  if (isComposeServiceContainer(c) && !isLocalEndpoint(engine.endpoint)) return refused(conflict(`the engine is reached over ${engine.endpoint.kind}: its compose files are on the machine compose ran on, which Switchyard does not write to`));
  const w = await planWrite(t, c, file);
  if (!w.ok) return w;
  const { change, files, original, next } = w.value;
  const proposal: WriteProposal = {
    container: { id: c.id, name: c.name }, project: files.project, service: change.service, file: change.file,
    diff: unifiedDiff(change.file, original, next), base: sha256(original), result: sha256(next), changes: original !== next,
  };
  return done({ proposal, change, files, original, next });
}

/**
 * Projects' files as read once, by project and files: a plan's preview asks for several of one
 * project's containers, and reads its files once (lib/plans/service).
 */
export type ProjectTextsCache = Map<string, ReturnType<typeof readProjectTexts>>;

function textsOf(files: ProjectFiles, cache?: ProjectTextsCache): ReturnType<typeof readProjectTexts> {
  if (!cache) return readProjectTexts(files);
  const key = JSON.stringify([files.project, files.configFiles, files.envFiles, files.workingDir]);
  let p = cache.get(key);
  if (!p) cache.set(key, (p = readProjectTexts(files)));
  return p;
}

/** The write that makes `c`'s service file say what `c` has in `t` (the engine's, or a plan's result). */
async function planWrite(t: Pick<Topology, 'endpoints' | 'networks'>, c: TopoContainer, file: string | null, cache?: ProjectTextsCache): Promise<Outcome<Omit<Prepared, 'proposal'>>> {
  if (!isComposeServiceContainer(c)) return refused(refuse('invalid', `container: ${c.name} is not a container of a compose service`, 'only a compose service has a file to write into'));
  const files = projectFiles(c.labels);
  if (!files) return refused(conflict(`${c.name} does not record its compose files (com.docker.compose.project.config_files)`, 'it was made by another tool or by hand'));
  if (file !== null && !files.configFiles.includes(file)) {
    return refused(refuse('invalid', `file: ${file.slice(0, 200)} is not one of project ${files.project}'s compose files (${files.configFiles.join(', ')})`, 'leave it out: Switchyard picks the file that sets the service\'s networks'));
  }
  // The files are read once: the model, the text to edit and the check of the edit all come from this read.
  const texts = await textsOf(files, cache);
  if (!texts.ok) return refused(conflict(`the files of project ${files.project} cannot be read: ${texts.reason}`));
  const read = parseProjectTexts(files, texts.texts);
  if (!read.ok) return refused(conflict(`the files of project ${files.project} cannot be read: ${read.reason}`));
  const change = lastingChange(t, c, read.model, file);
  if (!change.ok) return change;
  const original = texts.texts.sources.find((s) => s.path === change.value.file)?.text;
  if (original === undefined) return refused(conflict(`${change.value.file} is not among the files read for project ${files.project}`));
  const def = read.model.services[change.value.service]!;
  const edit = editServiceNetworks(original, change.value.service, def.networks, change.value.want, change.value.declare);
  if (!edit.ok) return refused(conflict(`${change.value.file}: ${edit.reason}`));
  const why = readsBackAs(files, texts.texts, change.value, edit.text);
  if (why) return refused(conflict(`the change would not read back as meant (${why}); the file is left as it is`, 'please report this with the file'));
  return done({ change: change.value, files, original, next: edit.text });
}

/**
 * The diff that would make `c`'s service file say what `c` has in `t` (a plan's result), or
 * null where there is none: not a compose container, an engine elsewhere, files Switchyard
 * cannot read or write, or nothing to change. `cache`: files already read for this plan.
 */
export async function lastingDiffOn(t: Pick<Topology, 'endpoints' | 'networks'>, c: TopoContainer, local: boolean, cache?: ProjectTextsCache): Promise<{ file: string; diff: string } | null> {
  if (!local) return null;
  const w = await planWrite(t, c, null, cache);
  if (!w.ok || w.value.original === w.value.next) return null;
  return { file: w.value.change.file, diff: unifiedDiff(w.value.change.file, w.value.original, w.value.next) };
}

/** Null when the project, with `next` in place of the file, gives the service the networks wanted. */
function readsBackAs(files: ProjectFiles, texts: ProjectTexts, change: LastingChange, next: string): string | null {
  const read = parseProjectTexts(files, texts, new Map([[change.file, next]]));
  if (!read.ok) return read.reason;
  const got = read.model.services[change.service]?.networks ?? [];
  const want = change.want.map((w) => ({ key: w.key, aliases: [...w.aliases].sort(), ipv4: w.ipv4, ipv6: w.ipv6 }));
  return JSON.stringify(got) === JSON.stringify(want) ? null : `it reads as ${got.map((g) => g.key).join(', ')}`;
}

export async function proposeWriteBack(store: TopologyStore, containerRef: string, file: string | null): Promise<Outcome<WriteProposal>> {
  const p = await prepare(store, containerRef, file);
  return p.ok ? done(p.value.proposal) : p;
}

export interface WriteDone {
  proposal: WriteProposal;
  backup: string;
  /** What the compose CLI said of the result: checked, or why not. */
  check: string;
}

/** Applies the write-back whose diff had `base` and `result`. */
export async function applyWriteBack(store: TopologyStore, body: { container: string; file: string | null; base: string; result: string }): Promise<Outcome<WriteDone>> {
  const p = await prepare(store, body.container, body.file);
  if (!p.ok) return p;
  const { proposal, files, original, next } = p.value;
  if (proposal.base !== body.base) return refused(conflict(`${proposal.file} changed since the diff was made`, 'read the new diff and confirm again'));
  if (proposal.result !== body.result) return refused(conflict(`${proposal.container.name} changed since the diff was made, so the file would be written otherwise`, 'read the new diff and confirm again'));
  if (!proposal.changes) return refused(conflict(`${proposal.file} already says what ${proposal.container.name} runs with: there is nothing to write`));
  const before = await composeConfig(files);
  const backup = `${proposal.file}.switchyard-${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
  await writeLike(proposal.file, backup, original);
  const failed = await writeChecked(files, proposal.file, next, original, before);
  if (failed) return refused(failed);
  return done({ proposal, backup, check: before.ok ? `${before.program} config reads the result` : before.why });
}

/** Writes `next` over `file`, checks the result, and puts `original` back if the check fails. */
async function writeChecked(files: ProjectFiles, file: string, next: string, original: string, before: ConfigCheck): Promise<Refusal | null> {
  await writeLike(file, file, next);
  const read = await loadProject(files);
  const after = before.ok ? await composeConfig(files) : before;
  if (read.ok && (!before.ok || after.ok)) return null;
  await writeLike(file, file, original);
  return conflict(`the written file did not read back (${read.ok ? (after as { why: string }).why : read.reason}); the original is back in place`);
}

/** Restores a file written by a write-back: refused if it changed since, or if the backup did. */
export async function restoreFile(file: string, backup: string, written: string, original: string): Promise<Outcome<{ diff: string }>> {
  const now = await readSmallFile(file);
  if ('error' in now) return refused(conflict(now.error));
  if (sha256(now.text) !== written) return refused(conflict(`${file} changed since Switchyard wrote it: undoing would lose that change`, `its earlier text is in ${backup}`));
  const saved = await readSmallFile(backup);
  if ('error' in saved) return refused(conflict(`the backup ${saved.error}`));
  if (sha256(saved.text) !== original) return refused(conflict(`the backup ${backup} changed since it was made`));
  await writeLike(file, file, saved.text);
  return done({ diff: unifiedDiff(file, now.text, saved.text) });
}

/** Writes `text` to `path` atomically, with the mode and owner of `like`. */
async function writeLike(like: string, path: string, text: string): Promise<void> {
  const s = await stat(like);
  const tmp = join(dirname(path), `.${basename(path)}.switchyard-${process.pid}.tmp`);
  await writeFile(tmp, text, { mode: s.mode & 0o7777 });
  if (process.getuid?.() === 0) await chown(tmp, s.uid, s.gid).catch(() => undefined);
  await rename(tmp, path);
}

type ConfigCheck = { ok: true; program: string } | { ok: false; why: string };

/** `config -q` of the project with the compose installed here, or why there is none to ask. */
async function composeConfig(files: ProjectFiles): Promise<ConfigCheck> {
  const args = ['-p', files.project, ...files.configFiles.flatMap((f) => ['-f', f]), 'config', '-q'];
  const cwd = files.workingDir ?? dirname(files.configFiles[0]!);
  const attempt = (cmd: string, pre: string[]) => new Promise<{ code: number | null; stderr: string; missing: boolean }>((resolve) => {
    execFile(cmd, [...pre, ...args], { cwd, timeout: 20_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } as unknown as NodeJS.ProcessEnv, encoding: 'utf8' }, (err, _out, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : null) : 0;
      resolve({ code, stderr: String(stderr), missing: (err as NodeJS.ErrnoException | null)?.code === 'ENOENT' });
    });
  });
  for (const [cmd, pre, name] of [['docker-compose', [], 'docker-compose'], ['docker', ['compose'], 'docker compose']] as const) {
    const r = await attempt(cmd, [...pre]);
    if (r.missing || (name === 'docker compose' && /is not a docker command|unknown command/.test(r.stderr))) continue;
    return r.code === 0 ? { ok: true, program: name } : { ok: false, why: `${name} config: ${r.stderr.trim().split('\n').slice(-1)[0] ?? 'failed'}` };
  }
  return { ok: false, why: 'no compose program is installed here to check it with' };
}
