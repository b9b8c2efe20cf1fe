/**
 * Which requests may reach Switchyard at all. The Docker socket is root on the host, so:
 * - the Host header must name this dashboard (stops DNS rebinding: an attacker's name that
 *   resolves to 127.0.0.1 still carries the attacker's Host);
 * - a mutating request must come from the dashboard's own origin (stops CSRF from any other
 *   page the user has open) and carry JSON (a cross-site form cannot send that without CORS).
 * Pure, so every rule is unit-tested with plain header maps.
 */

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface GuardInput {
  method: string;
  /** Header lookup, case-insensitive as in `Headers.get`. */
  header: (name: string) => string | null;
  /** Extra host names this server is served as (SWITCHYARD_ALLOWED_HOSTS). */
  allowedHosts: readonly string[];
}

/** A refusal's code: its status is the one error mapping's (lib/api/errors: 421, 403, 403, 415). */
export type GuardCode = 'host_not_allowed' | 'cross_origin' | 'cross_site' | 'json_required';
export type GuardVerdict = { ok: true } | { ok: false; code: GuardCode; message: string };

/** Host name of a Host header value, lower-cased, port removed; IPv6 kept in brackets. */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(0, end + 1) : h;
  }
  const colon = h.indexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

export function checkRequest({ method, header, allowedHosts }: GuardInput): GuardVerdict {
  const host = header('host');
  const allowed = new Set([...LOOPBACK_HOSTS, ...allowedHosts.map((h) => h.trim().toLowerCase()).filter(Boolean)]);
  if (!host || !allowed.has(hostName(host))) {
    return {
      ok: false, code: 'host_not_allowed',
      message: `Switchyard is not served as "${host ?? ''}": open it as http://127.0.0.1 or add the name to SWITCHYARD_ALLOWED_HOSTS`,
    };
  }
  if (!MUTATING.has(method.toUpperCase())) return { ok: true };

  const origin = header('origin');
  const fetchSite = header('sec-fetch-site');
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      const u = new URL(origin);
      originHost = u.protocol === 'http:' || u.protocol === 'https:' ? u.host.toLowerCase() : null;
    } catch {
      originHost = null;
    }
    if (originHost === null || originHost !== host.trim().toLowerCase()) {
      return { ok: false, code: 'cross_origin', message: `changes are only accepted from Switchyard's own page, not from origin "${origin}"` };
    }
  }
  if (fetchSite !== null && fetchSite !== 'same-origin') {
    return { ok: false, code: 'cross_site', message: `changes are only accepted from Switchyard's own page (Sec-Fetch-Site: ${fetchSite})` };
  }
  const contentType = (header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const length = header('content-length');
  const hasBody = (length !== null && length !== '0') || header('transfer-encoding') !== null;
  if ((hasBody || method.toUpperCase() !== 'DELETE') && contentType !== 'application/json') {
    return { ok: false, code: 'json_required', message: 'changes must be sent as Content-Type: application/json' };
  }
  return { ok: true };
}
