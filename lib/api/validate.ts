/**
 * Input checks for ids and names, before anything reaches the engine. Patterns are the
 * engine's own: names `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, ids hexadecimal. Anything else (slashes,
 * dots-only, query characters) is refused, so no input can reach another Engine endpoint.
 */
import { ApiError } from './errors';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;
const ID = /^[a-f0-9]{1,64}$/;

/** A container or network given by id, id prefix or name. */
export function parseRef(kind: 'container' | 'network', value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ApiError('bad_request', `a ${kind} id or name is required`);
  }
  const v = value.startsWith('/') && kind === 'container' ? value.slice(1) : value;
  if (!ID.test(v) && !NAME.test(v)) {
    throw new ApiError('bad_request', `"${value.slice(0, 80)}" is not a valid ${kind} id or name`,
      'names start with a letter or digit and contain only letters, digits, "_", "." and "-"; ids are hexadecimal');
  }
  return v;
}
