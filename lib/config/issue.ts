/** How a check says what is wrong: a zod issue with a hint. Shared by the settings (./env) and the API's schemas. */
import { z } from 'zod';

/** A failed check with a hint: what is allowed, or an example. */
export function issue(ctx: z.RefinementCtx, message: string, hint?: string) {
  ctx.addIssue({ code: z.ZodIssueCode.custom, message, params: hint ? { hint } : undefined });
}
