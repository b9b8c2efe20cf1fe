/**
 * A change Switchyard will not make, and why: a plain result of the domain rules (preflight,
 * the engine's refusals reworded, objects that are not there). The HTTP layer maps the kind to
 * a status (lib/api/errors); nothing here knows about HTTP. Pure.
 */
export type RefusalKind = 'invalid' | 'not-found' | 'conflict';

export interface Refusal {
  kind: RefusalKind;
  message: string;
  /** What to do about it. */
  hint: string | null;
}

export const refuse = (kind: RefusalKind, message: string, hint: string | null = null): Refusal => ({ kind, message, hint });

/** An action's outcome: done, with its answer, or refused. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };
export const done = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refused = (r: Refusal): Outcome<never> => ({ ok: false, refusal: r });
