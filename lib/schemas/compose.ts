/** GET /api/compose/drift: what it takes and answers. Pure. */
import { z } from 'zod';
import { activityEntrySchema } from './activity';
import { containerRef } from './common';

export const driftQuery = z.object({
  project: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,254}$/, '"project" must be a compose project name (lower case letters, digits, - and _)').optional().describe('Only this compose project.'),
  container: containerRef.optional().describe("Only this container's drift (its project is read)."),
}).strict();
export type DriftQuery = z.output<typeof driftQuery>;

const networkRef = z.object({ name: z.string(), id: z.string().nullable().describe('null when no network of that name exists.'), key: z.string().nullable().describe("The key in the project's files, where they name it.") });

export const driftItemSchema = z.object({
  kind: z.enum(['extra-network', 'missing-network', 'aliases', 'address', 'network-mode']).describe('extra-network: on a network the files do not name; missing-network: not on one they name; aliases and address: on the network, set otherwise; network-mode: another network_mode.'),
  network: networkRef.nullable(),
  running: z.string().nullable().describe('As the container runs.'),
  file: z.string().nullable().describe('As the files say.'),
  text: z.string(),
});

export const containerDriftSchema = z.object({
  containerId: z.string(),
  name: z.string(),
  project: z.string(),
  service: z.string(),
  status: z.enum(['same', 'drift', 'unknown', 'orphan']).describe('same: as the files say; drift: items say how not; unknown: reason says why Switchyard cannot tell; orphan: the files have no such service.'),
  reason: z.string().nullable(),
  items: z.array(driftItemSchema),
  file: z.string().nullable().describe('The file that defines the service.'),
  line: z.number().int().nullable(),
  composeVersion: z.string().nullable().describe('The compose that made the container (its com.docker.compose.version label).'),
  up: z.union([z.enum(['keeps', 'recreates']), z.null()]).describe('What `docker compose up -d` does to it now, if its service is otherwise unchanged in the files: keeps it as it runs (compose 1.x always; 2+ unless it lacks a network the files name), or recreates it from the files. null when it is not running.'),
  summary: z.string(),
});

export const projectDriftSchema = z.object({
  project: z.string(),
  files: z.array(z.string()).describe('The files compose was given, in order, as its labels name them.'),
  workingDir: z.string().nullable(),
  read: z.boolean().describe('false: reason says why the files could not be read or followed.'),
  reason: z.string().nullable(),
  file: z.string().nullable().describe('The file the reason is about.'),
  assumptions: z.array(z.string()).describe('Values taken as compose takes them without the shell\'s variables (a default used for a variable the env file does not set).'),
  issues: z.array(z.object({ kind: z.enum(['external-missing']), network: z.string(), message: z.string() })).describe('What stops `docker compose up` itself: an external network that does not exist.'),
  containers: z.number().int(),
  drifted: z.number().int().describe('Containers whose networks, aliases or addresses differ from the files.'),
});

export const driftAnswer = z.object({
  available: z.boolean().describe('false when the engine is on another machine: compose files are read from this machine\'s disk.'),
  reason: z.string().nullable(),
  projects: z.array(projectDriftSchema),
  containers: z.array(containerDriftSchema),
});
export type DriftAnswer = z.infer<typeof driftAnswer>;

const sha = (name: string) => z.string().regex(/^[a-f0-9]{64}$/, `"${name}" must be the SHA-256 (64 hex digits) GET /api/compose/write-back gave`);
const filePath = z.string().min(1).max(4096).describe("One of the project's compose files (absolute path); leave it out to write the file that sets the service's networks.");

export const writeBackQuery = z.object({
  container: containerRef.describe('The compose container whose networks the file should keep.'),
  file: filePath.optional(),
}).strict();

export const writeBackProposalSchema = z.object({
  container: z.object({ id: z.string(), name: z.string() }),
  project: z.string(),
  service: z.string(),
  file: z.string().describe('The file that would be written.'),
  diff: z.string().describe('Unified diff of the file as it is and as it would be written; empty when it already says it.'),
  base: z.string().describe('SHA-256 of the file as read for this diff: POST it back to apply.'),
  result: z.string().describe('SHA-256 of the file as it would be written: POST it back to apply.'),
  changes: z.boolean(),
});

export const writeBackBody = z.object({
  container: containerRef,
  file: filePath.nullable().optional(),
  base: sha('base'),
  result: sha('result'),
}).strict().describe('The diff to apply, named by the two hashes GET /api/compose/write-back gave: refused (409) if the file or the container changed since.');
export type WriteBackBody = z.output<typeof writeBackBody>;

export const writeBackAnswer = z.object({
  entry: activityEntrySchema.describe('The write, as logged (its undo puts the backup back while the file is as written).'),
  proposal: writeBackProposalSchema,
  backup: z.string().describe('The file as it was, kept beside it.'),
  check: z.string().describe('What the compose program installed here said of the result, or why it was not asked.'),
});
