/**
 * GET /api/openapi.json: an OpenAPI 3.1 document made from the same schemas the routes parse
 * with (lib/schemas). Every route under app/api is declared here once (a test checks that
 * none is missing); the error answer is one shape for every route and status.
 */
import { OpenApiGeneratorV31, OpenAPIRegistry, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { activityAnswer, activityEntrySchema, activityParams, activityQuery, changesAnswer, changesQuery, undoAnswer, undoBodySchema } from '@/lib/schemas/activity';
import { errorBodySchema } from '@/lib/schemas/common';
import { containerAnswer, containerParams } from '@/lib/schemas/containers';
import { healthAnswer } from '@/lib/schemas/health';
import { loginAnswer, loginBodySchema } from '@/lib/schemas/login';
import {
  connectAnswer, connectBodySchema, createNetworkAnswer, createNetworkBodySchema, disconnectAnswer, disconnectBodySchema,
  networkAnswer, networkParams, removeNetworkAnswer,
} from '@/lib/schemas/networks';
import { addressesAnswer, addressesQuery } from '@/lib/schemas/addresses';
import { exposureAnswer, exposureQuery } from '@/lib/schemas/exposure';
import { planAnswer, planBody } from '@/lib/schemas/plans';
import { driftAnswer, driftQuery, writeBackAnswer, writeBackBody, writeBackProposalSchema, writeBackQuery } from '@/lib/schemas/compose';
import { historyQuery, flowHistorySchema, trafficPatchSchema, trafficQuery, trafficSchema } from '@/lib/schemas/traffic';
import { matrixAnswer, matrixFields, probeAnswer, probeBodySchema, reachabilityAnswer, reachQuery } from '@/lib/schemas/reachability';
import { topologyPatchSchema, topologyQuery, topologySchema } from '@/lib/schemas/topology';
import { SESSION_COOKIE } from '@/lib/security/auth';
import { USER_COOKIE } from '@/lib/auth/session';
import { applyRoles, registerAuthPaths } from './auth-paths';
import { ENGINE_NAME } from '@/lib/engines/contexts';
import { fleetAnswer } from '@/lib/schemas/fleet';
import { agentStatusSchema, engineParams, enginesAnswer } from '@/lib/schemas/engines';
import { ERROR_STATUSES, type ApiErrorCode } from '@/lib/api/errors';

const json = (schema: z.ZodTypeAny) => ({ 'application/json': { schema } });

export function openApiDocument(version: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http', scheme: 'bearer',
    description: 'An API token (`npm run token -- create`, or POST /api/tokens: its role, maybe one engine, an expiry), or SWITCHYARD_TOKEN (an admin everywhere). With neither a token nor sign-in configured, every route is open to loopback only.',
  });
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The page\'s session after POST /api/login with SWITCHYARD_TOKEN (admin).' });
  registry.registerComponent('securitySchemes', 'signIn', {
    type: 'apiKey', in: 'cookie', name: USER_COOKIE,
    description: 'The sealed session cookie of a sign-in through the OpenID Connect provider SWITCHYARD_OIDC_ISSUER names (authorization code with PKCE, started at GET /api/auth/login). Roles come from the provider\'s claim as SWITCHYARD_OIDC_ROLES maps it.',
  });
  const Error = registry.register('Error', errorBodySchema);
  const Topology = registry.register('Topology', topologySchema);
  const TopologyPatch = registry.register('TopologyPatch', topologyPatchSchema);
  registry.register('Health', healthAnswer);

  /** The error answers a route can give, by status, each with the codes that answer with it. */
  const errors = (...codes: ApiErrorCode[]): Record<string, ResponseConfig> => {
    const all: ApiErrorCode[] = [...codes, 'host_not_allowed', 'unauthorized', 'internal'];
    const byStatus = new Map<number, ApiErrorCode[]>();
    for (const c of all) byStatus.set(ERROR_STATUSES[c], [...(byStatus.get(ERROR_STATUSES[c]) ?? []), c]);
    return Object.fromEntries([...byStatus].map(([status, cs]) => [String(status), { description: `error: ${[...new Set(cs)].join(', ')}`, content: json(Error) }]));
  };
  const engine: ApiErrorCode[] = ['engine_unreachable', 'engine_timeout', 'engine_error'];
  const changes: ApiErrorCode[] = ['bad_request', 'read_only', 'cross_origin', 'cross_site', 'json_required', 'body_too_large', 'conflict', 'not_found', ...engine];
  /** A read of one thing (or pair of things) by id or name. */
  const lookup: ApiErrorCode[] = ['bad_request', 'not_found', ...engine];
  const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

  registry.registerPath({
    method: 'get', path: '/api/topology', summary: 'Every network, container and endpoint, with veth links', security,
    description: 'Served from memory (kept current by engine events); ETag / If-None-Match answers 304 while unchanged. The body in `?encoding=gzip|br`, or without it in the coding Accept-Encoding offers (br, else gzip; Vary: Accept-Encoding), is compressed once per version; each coding has its own ETag.',
    request: { query: topologyQuery },
    responses: { 200: { description: 'The topology', content: json(Topology) }, 304: { description: 'Unchanged since the ETag given' }, ...errors('bad_request', ...engine) },
  });
  registry.registerPath({
    method: 'get', path: '/api/events', summary: 'The topology as it changes (Server-Sent Events)', security,
    description: 'text/event-stream. `ready` ({ epoch, version }: the store is live at this version), `patch` (a TopologyPatch, the schema below: apply it to version `from` of the same epoch, else re-read GET /api/topology), `change` (an engine network or container event as received: { type, action, id, name, container, time }), `activity` (an ActivityEntry just written to the timeline), `engine-down` ({ message, hint }: the engine went away; reconnect), `dropped` ({ at, queuedBytes, message }: first on the stream of a client, named by `?client=ID` (8 to 64 letters, digits, - or _), that was dropped for leaving more than SWITCHYARD_SSE_BACKLOG bytes (default 4 MiB) unread: the stream then errors; read the topology again). With `?traffic=MS` (the Traffic layer: a reading interval from 1000 to 60000 ms) also `traffic` (the flows now, as GET /api/traffic answers, once) and `traffic-patch` (a TrafficPatch, the schema in components: upsert and remove flows by id) as they change.',
    responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: TopologyPatch } } }, ...errors(...engine) },
  });
  registry.registerPath({
    method: 'get', path: '/api/health', summary: 'Whether the engine answers, and how the store follows it',
    responses: { 200: { description: 'The engine answers', content: json(healthAnswer) }, 503: { description: 'The engine cannot be reached: ok is false, error says why', content: json(healthAnswer) } },
  });
  registry.registerPath({
    method: 'get', path: '/api/containers/{id}', summary: 'One container, its endpoints and the engine\'s inspect JSON', security,
    request: { params: containerParams },
    responses: { 200: { description: 'The container', content: json(containerAnswer) }, ...errors(...lookup) },
  });
  registry.registerPath({
    method: 'get', path: '/api/networks/{id}', summary: 'One network, its endpoints and the engine\'s inspect JSON', security,
    request: { params: networkParams },
    responses: { 200: { description: 'The network', content: json(networkAnswer) }, ...errors(...lookup) },
  });
  registry.registerPath({
    method: 'delete', path: '/api/networks/{id}', summary: 'docker network rm (refused for builtin networks and while members remain)', security,
    request: { params: networkParams },
    responses: { 200: { description: 'Removed', content: json(removeNetworkAnswer) }, ...errors(...changes) },
  });
  registry.registerPath({
    method: 'post', path: '/api/networks', summary: 'docker network create', security,
    request: { body: { required: true, content: json(createNetworkBodySchema) } },
    responses: { 201: { description: 'The new network', content: json(createNetworkAnswer) }, ...errors(...changes) },
  });
  registry.registerPath({
    method: 'post', path: '/api/networks/{id}/connect', summary: 'docker network connect', security,
    request: { params: networkParams, body: { required: true, content: json(connectBodySchema) } },
    responses: { 200: { description: 'The new endpoint, with the network and container as they are now', content: json(connectAnswer) }, ...errors(...changes) },
  });
  registry.registerPath({
    method: 'post', path: '/api/networks/{id}/disconnect', summary: 'docker network disconnect', security,
    request: { params: networkParams, body: { required: true, content: json(disconnectBodySchema) } },
    responses: { 200: { description: 'Disconnected', content: json(disconnectAnswer) }, ...errors(...changes) },
  });
  const Reachability = registry.register('Reachability', reachabilityAnswer);
  registry.registerPath({
    method: 'get', path: '/api/reachability', summary: 'Can container A reach container B: by IP, by name, on each port; how, why not, and the fix', security,
    description: 'B\'s listening sockets are read from the host (/proc/<pid>/net/tcp and tcp6) where the engine is on this machine; elsewhere `listeners.read` is false and ports are answered from the network rules only.',
    request: { query: reachQuery },
    responses: { 200: { description: 'The verdict', content: json(Reachability) }, ...errors(...lookup) },
  });
  registry.registerPath({
    method: 'get', path: '/api/reachability/matrix', summary: 'Every ordered pair of a network\'s members, a compose project or the containers named', security,
    request: { query: matrixFields },
    responses: { 200: { description: 'The matrix', content: json(matrixAnswer) }, ...errors(...lookup) },
  });
  registry.registerPath({
    method: 'post', path: '/api/reachability/test', summary: '"Test now": try A -> B for real from inside A\'s network namespace, beside the prediction', security,
    description: 'Pings, name lookups and TCP connects from inside A (docker exec with A\'s own tools, else from the host in A\'s namespace when Switchyard runs as root beside a local engine), each bounded in time, only to B\'s own addresses. Refused in read-only mode.',
    request: { body: { required: true, content: json(probeBodySchema) } },
    responses: { 200: { description: 'What was tried and observed', content: json(probeAnswer(Reachability)) }, ...errors(...changes.filter((c) => c !== 'conflict')) },
  });
  const Traffic = registry.register('Traffic', trafficSchema);
  registry.registerPath({
    method: 'get', path: '/api/traffic', summary: 'Who talks to whom now: TCP connections and connected UDP sockets of every container, as flows between containers, the host and outside peers', security,
    description: 'Read from each running container\'s network namespace (/proc/<pid>/net/tcp, tcp6, udp, udp6) and the host\'s connection tracking (/proc/net/nf_conntrack), where the engine is on this machine; elsewhere `basis` is "none" and `reason` says why. Reading goes on while a page watches (GET /api/events?traffic=) and for 30 s after this call, at the shortest interval asked (default 2000 ms).',
    request: { query: trafficQuery },
    responses: { 200: { description: 'The flows', content: json(Traffic) }, ...errors(...engine, 'bad_request') },
  });
  registry.registerPath({
    method: 'get', path: '/api/traffic/history', summary: 'One flow\'s last 15 minutes: connections, failing attempts and rate per 10 s', security,
    request: { query: historyQuery },
    responses: { 200: { description: 'The history', content: json(flowHistorySchema) }, ...errors(...engine, 'bad_request', 'not_found') },
  });
  registry.register('TrafficPatch', trafficPatchSchema);
  registry.registerPath({
    method: 'get', path: '/api/addresses', summary: 'The address plan: each network\'s subnets with addresses used and free, every overlap (between networks, and with the host\'s routes and interface ranges) and what it breaks, the engine\'s address pools and what is left, and a subnet that clashes with nothing', security,
    description: 'Routes from /proc/net/route (IPv4, main table) and /proc/net/ipv6_route, interfaces from getifaddrs, where the engine is on this machine; pools from GET /info DefaultAddressPools, else Docker\'s defaults (said in `pools.source`). With ?subnet= the answer also says what that subnet would clash with (POST /api/networks refuses such a subnet with a 409 unless `acceptOverlap` is true).',
    request: { query: addressesQuery },
    responses: { 200: { description: 'The address plan', content: json(registry.register('AddressPlan', addressesAnswer)) }, ...errors(...engine, 'bad_request') },
  });
  registry.registerPath({
    method: 'get', path: '/api/exposure', summary: 'Who can reach each published port: its bind address, the host\'s interfaces, and the host firewall\'s rules (riskiest first)', security,
    description: 'From the topology\'s published ports, the host\'s interfaces (getifaddrs) and its firewall (iptables-save of both backends, nft -j list ruleset), where the engine is on this machine. Each interface a connection can arrive on gets a verdict (open, narrowed, dropped, unknown) naming the rule; each port that is probably not meant for other machines gets fixes (bind to 127.0.0.1, with the compose YAML; a DOCKER-USER rule).',
    request: { query: exposureQuery },
    responses: { 200: { description: 'The published ports', content: json(registry.register('Exposure', exposureAnswer)) }, ...errors(...engine, 'bad_request') },
  });
  registry.registerPath({
    method: 'get', path: '/api/compose/drift', summary: 'Where compose containers\' networks, aliases and static addresses differ from their compose files, and what `docker compose up` will do about it', security,
    description: 'Each project\'s files are found from its containers\' labels (com.docker.compose.project.config_files, .working_dir, .environment_file) and read from this machine\'s disk, only for an engine on this machine; read as compose reads them (YAML 1.1 with merge keys, several -f files merged, ${VAR} from the project\'s env file). What Switchyard cannot follow (include, extends, a variable the env file does not set) is named in `reason`, never guessed. `up` is judged for the compose version that made each container.',
    request: { query: driftQuery },
    responses: { 200: { description: 'The drift', content: json(registry.register('ComposeDrift', driftAnswer)) }, ...errors(...engine, 'bad_request') },
  });
  registry.registerPath({
    method: 'get', path: '/api/compose/write-back', summary: '"Make it last": the unified diff that makes a compose container\'s service say, in its compose file, the networks, aliases and static addresses the container runs with', security,
    description: 'Only the lines that must change: entries that stay keep their text and comments; a network the project does not own is declared `external: true`. Refused (409) in words where Switchyard does not edit: network_mode, networks set in more than one file, an entry written with a variable, a file it cannot read. Works on a read-only server (it only reads).',
    request: { query: writeBackQuery },
    responses: { 200: { description: 'The diff', content: json(registry.register('WriteBackProposal', writeBackProposalSchema)) }, ...errors(...engine, 'bad_request', 'not_found', 'conflict') },
  });
  registry.registerPath({
    method: 'post', path: '/api/compose/write-back', summary: 'Apply the diff GET /api/compose/write-back gave (named by its two SHA-256), with a backup beside the file; logged in the activity timeline, undoable', security,
    description: 'Refused (409) if the file or the container changed since the diff was made. The file is written atomically with its mode and owner, read again, and checked with `docker-compose config` or `docker compose config` where installed (when it read the files before the change); a failed check puts the original back.',
    request: { body: { required: true, content: json(writeBackBody) } },
    responses: { 200: { description: 'Written', content: json(registry.register('WriteBackDone', writeBackAnswer)) }, ...errors(...changes) },
  });
  registry.registerPath({
    method: 'post', path: '/api/plans', summary: 'Several changes as one: with dryRun, each step\'s command, preflight (on the topology the steps before it leave), the connections it cuts and the compose diff that would make it last; without, the steps run in order and a step that fails takes back the ones done', security,
    description: 'Each step is `kind` (connect, disconnect, network-create, network-remove) and the fields of that change\'s own route, checked by the same schema. A plan with a step Switchyard can tell would be refused runs nothing (409 naming the step). The plan is one activity entry (kind `plan`) with its steps; each step says done, refused, failed, not-run, undone or undo-failed.',
    request: { body: { required: true, content: json(registry.register('PlanBody', planBody)) } },
    responses: { 200: { description: 'The plan, checked (dryRun) or applied', content: json(registry.register('Plan', planAnswer)) }, ...errors(...changes) },
  });
  registry.registerPath({
    method: 'post', path: '/api/login', summary: 'The access token for an HttpOnly session cookie (the page\'s login form)',
    request: { body: { required: true, content: json(loginBodySchema) } },
    responses: { 200: { description: 'Logged in: Set-Cookie carries the session', content: json(loginAnswer) }, ...errors('bad_request', 'cross_origin', 'cross_site', 'json_required', 'too_many_requests') },
  });
  registry.registerPath({
    method: 'get', path: '/api/openapi.json', summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
  });

  registry.registerPath({
    method: 'get', path: '/api/engines', summary: 'Every engine (docker contexts, SWITCHYARD_ENGINES) with its health, version, counts and swarm role', security,
    description: 'Each engine is asked in parallel and for at most 0.6 s, so the answer comes within a second: one that is down, hung or still being read for the first time is reported by name and holds up none of the others.',
    responses: { 200: { description: 'The engines', content: json(enginesAnswer) }, ...errors() },
  });

  registry.registerPath({
    method: 'get', path: '/api/fleet', summary: 'Every engine\'s topology as one: an engine per group, swarm networks once, tasks on nodes no engine is drawn as unreachable', security,
    description: 'Each engine is asked in parallel and for at most 0.6 s; one that does not answer is named in `engines` (ok false) and in a warning.',
    responses: { 200: { description: 'The fleet', content: json(fleetAnswer) }, ...errors() },
  });
  registry.registerPath({
    method: 'get', path: '/api/fleet/topology', summary: 'The fleet\'s topology (as GET /api/fleet has it), with versions of its own', security,
    description: 'As GET /api/topology serves an engine\'s: ETag / If-None-Match (304), `?encoding=gzip|br`; kept current by following every engine\'s store, merged at most every 20 ms and when read. Patches come on GET /api/fleet/events.',
    request: { query: topologyQuery },
    responses: { 200: { description: 'The fleet\'s topology', content: json(Topology) }, 304: { description: 'Unchanged since the ETag given' }, ...errors('bad_request') },
  });
  registry.registerPath({
    method: 'get', path: '/api/fleet/events', summary: 'The fleet\'s topology as it changes (Server-Sent Events)', security,
    description: 'As GET /api/events: `ready`, then a `patch` per version of GET /api/fleet/topology, and `dropped` (with `?client=ID`). No traffic (`?traffic=` is a 400: traffic is read per engine) and no activity.',
    responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: TopologyPatch } } }, ...errors('bad_request') },
  });

  const ActivityEntry = registry.register('ActivityEntry', activityEntrySchema);
  registry.registerPath({
    method: 'get', path: '/api/activity', summary: 'The activity timeline: changes made through Switchyard and the engine\'s own network events, newest first', security,
    description: 'Kept per engine in SQLite in SWITCHYARD_DATA_DIR, across restarts, bounded by SWITCHYARD_ACTIVITY_MAX. Each entry says when, who asked (for changes through Switchyard), the CLI equivalent, the result, and what undoing it would run. Filters combine; `next` pages back.',
    request: { query: activityQuery },
    responses: { 200: { description: 'A page of entries', content: json(activityAnswer.extend({ entries: z.array(ActivityEntry) })) }, ...errors('bad_request') },
  });
  registry.registerPath({
    method: 'post', path: '/api/activity/{id}/undo', summary: 'Undo a change made through Switchyard: the inverse change, validated and logged like any other', security,
    description: 'A connect is undone by a disconnect, a disconnect by a connect with the same aliases and static addresses, a creation by a removal (while empty), a removal by a creation with the same driver, IPAM, options and labels. Refused (409) where the world has moved on: the container or network is gone (by id: a new one of the same name is not it), the address is taken, the network has members, the entry is an engine event or was already undone.',
    request: { params: activityParams, body: { required: false, content: json(undoBodySchema) } },
    responses: { 200: { description: 'Undone: the new entry and the one it undid', content: json(undoAnswer) }, ...errors(...changes) },
  });
  registry.registerPath({
    method: 'get', path: '/api/activity/changes', summary: 'What changed since a moment: networks, containers and connections added, removed and changed, from the log', security,
    request: { query: changesQuery },
    responses: { 200: { description: 'The differences', content: json(changesAnswer) }, ...errors('bad_request') },
  });

  const agentAnswer = z.object({ status: agentStatusSchema, entry: ActivityEntry });
  registry.registerPath({
    method: 'get', path: '/api/engines/{name}/agent', summary: 'Switchyard\'s agent on an engine: whether it runs, and whether the engine\'s host facts are read through it', security,
    description: 'The agent is a container Switchyard starts on a remote engine when asked (never on its own), from its own image, with --pid host and --network host, root with every capability dropped but SYS_PTRACE and DAC_READ_SEARCH, a read-only root, no port. Switchyard asks it questions by exec (veth pairs and bridges, listening sockets, traffic) and reads its answers as it reads this machine\'s /proc and /sys.',
    request: { params: engineParams },
    responses: { 200: { description: 'The agent', content: json(agentStatusSchema) }, ...errors('bad_request', 'unknown_engine', ...engine) },
  });
  registry.registerPath({
    method: 'post', path: '/api/engines/{name}/agent', summary: 'Start Switchyard\'s agent on a remote engine (an activity entry)', security,
    description: 'Refused (409) on an engine on this machine, when it runs already, or when neither the engine nor a local engine has the image (SWITCHYARD_AGENT_IMAGE); where only a local engine has it, it is copied (docker save | docker load) and the entry says so.',
    request: { params: engineParams },
    responses: { 201: { description: 'Started: its state and the activity entry', content: json(agentAnswer) }, ...errors(...changes, 'unknown_engine') },
  });
  registry.registerPath({
    method: 'delete', path: '/api/engines/{name}/agent', summary: 'Stop and remove Switchyard\'s agent (an activity entry)', security,
    request: { params: engineParams },
    responses: { 200: { description: 'Removed: its state and the activity entry', content: json(agentAnswer) }, ...errors(...changes, 'unknown_engine') },
  });

  registerAuthPaths(registry, errors);

  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Switchyard', version,
      description: 'See and rewire a Docker host\'s networks. Every error is `{ error: { code, message, hint } }`; a 400 names the field and says what is allowed. Changes (POST, DELETE) need Content-Type: application/json and no foreign Origin.',
    },
    servers: [{ url: '/' }],
  });
  // Every route about an engine takes ?engine=NAME (lib/engines/registry): declared once, here.
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!ENGINE_ROUTES(path)) continue;
    for (const op of Object.values(item as Record<string, { parameters?: unknown[]; responses?: Record<string, unknown> }>)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      op.parameters = [...(op.parameters ?? []), ENGINE_PARAM];
      op.responses ??= {};
      const notFound = op.responses['404'] as { description: string } | undefined;
      if (notFound) notFound.description += ', unknown_engine';
      else op.responses['404'] = { description: 'error: unknown_engine', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
  }
  applyRoles(doc.paths ?? {});
  return doc;
}

/** The routes about one engine named by ?engine= (all but login, this document, the engines, an engine's agent (named in the path) and the fleet). */
const ENGINE_ROUTES = (path: string) => !['/api/login', '/api/openapi.json', '/api/engines', '/api/me', '/api/access'].includes(path)
  && !['/api/engines/', '/api/fleet', '/api/auth/', '/api/tokens'].some((p) => path.startsWith(p));

const ENGINE_PARAM = {
  name: 'engine', in: 'query', required: false,
  schema: { type: 'string', pattern: ENGINE_NAME.source, maxLength: 64 },
  description: 'The engine: a docker context\'s name or a SWITCHYARD_ENGINES entry (GET /api/engines lists them). Without it, the docker CLI\'s current context. An unknown name is a 404 (unknown_engine).',
};
