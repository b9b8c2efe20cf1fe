/**
 * `npm run token -- create --role viewer --name ci [--engine NAME] [--expires 90d|never]`,
 * `npm run token -- list`, `npm run token -- revoke ID`: API tokens from the command line, in the
 * same store as the server's (auth.db in SWITCHYARD_DATA_DIR, or the XDG state directory). The
 * token is printed once; only its hash is kept. Bundled by scripts/build-agent.mjs into
 * .next/token-cli.mjs (the image has it as /app/token.mjs).
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { authStorePath } from './server';
import { AuthStore, type TokenRecord } from './store';
import { ROLES, type Role } from '@/lib/identity/roles';
import { parseLifetime } from '@/lib/identity/tokens';

const USAGE = `usage:
  npm run token -- create --role viewer|operator|admin --name NAME [--engine ENGINE] [--expires 90d|12h|30m|never]
  npm run token -- list
  npm run token -- revoke ID`;

function fail(message: string): never {
  console.error(`token: ${message}\n${USAGE}`);
  process.exit(2);
}

const line = (t: TokenRecord) => [
  t.id, t.name.padEnd(16), t.role.padEnd(8), (t.engine ?? 'every engine').padEnd(14),
  t.revokedAt ? `revoked ${t.revokedAt} by ${t.revokedBy}` : t.expiresAt && Date.parse(t.expiresAt) <= Date.now() ? `expired ${t.expiresAt}` : `expires ${t.expiresAt ?? 'never'}`,
  `last used ${t.lastUsedAt ?? 'never'}`,
].join('  ');

function main(argv: string[]) {
  const [command, ...rest] = argv;
  const { values, positionals } = (() => {
    try {
      return parseArgs({ args: rest, allowPositionals: true, options: { role: { type: 'string' }, name: { type: 'string' }, engine: { type: 'string' }, expires: { type: 'string' } } });
    } catch (err) {
      return fail((err as Error).message);
    }
  })();
  const path = authStorePath();
  const actor = { kind: 'cli', id: `cli:${userInfo().username}`, name: `command line (${userInfo().username})` };
  if (command === 'create') {
    const role = values.role as Role | undefined;
    if (!role || !(ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
    if (!values.name || !/^[a-zA-Z0-9][a-zA-Z0-9 _.@-]{0,63}$/.test(values.name)) fail('--name must be 1-64 letters, digits, spaces or _.@- (starting with a letter or digit)');
    if (values.engine !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/.test(values.engine)) fail('--engine must be an engine\'s name');
    const life = parseLifetime(values.expires ?? '90d');
    if ('problem' in life) fail(`--expires: ${life.problem}`);
    const store = new AuthStore(path);
    const made = store.createToken({ name: values.name, role, engine: values.engine ?? null, expiresAt: life.ms === null ? null : Date.now() + life.ms, createdBy: actor.name });
    store.log({ kind: 'token-created', actor, address: null, detail: { token: made.record.id, name: made.record.name, role, engine: made.record.engine, expiresAt: made.record.expiresAt } });
    store.close();
    console.error(`made token ${made.record.id} (${made.record.name}, ${role} on ${made.record.engine ?? 'every engine'}, expires ${made.record.expiresAt ?? 'never'}) in ${path}`);
    console.error('this is the only time it is shown: send it as Authorization: Bearer <token>');
    console.log(made.token);
    return;
  }
  if (command === 'list') {
    const store = new AuthStore(path);
    const list = store.tokens();
    store.close();
    if (list.length === 0) console.log(`no tokens in ${path}`);
    for (const t of list) console.log(line(t));
    return;
  }
  if (command === 'revoke') {
    const id = positionals[0];
    if (!id || !/^[0-9a-f]{12}$/.test(id)) fail('revoke needs the token\'s id (12 hex digits, from list)');
    const store = new AuthStore(path);
    const t = store.token(id);
    if (!t) { store.close(); fail(`there is no token ${id} in ${path}`); }
    if (!store.revokeToken(id, actor.name)) { store.close(); fail(`the token ${t.name} (${id}) was revoked already`); }
    store.log({ kind: 'token-revoked', actor, address: null, detail: { token: id, name: t.name } });
    store.close();
    console.log(`revoked ${id} (${t.name})`);
    return;
  }
  fail(command ? `no command ${command}` : 'a command is needed');
}

main(process.argv.slice(2));
