/**
 * POST /api/plans: a plan of changes, each step checked by the schema of the change it stages
 * (the same as its own route's), then previewed (`dryRun`) or applied in order. Pure.
 */
import { z } from 'zod';
import { activityEntrySchema } from './activity';
import { issue, networkRef } from './common';
import { connectBodySchema, createNetworkBodySchema, disconnectBodySchema } from './networks';

export const PLAN_STEP_KINDS = ['connect', 'disconnect', 'network-create', 'network-remove'] as const;
export const MAX_PLAN_STEPS = 50;

const STEP_SCHEMAS = {
  connect: connectBodySchema.extend({ network: networkRef }),
  disconnect: disconnectBodySchema.extend({ network: networkRef }),
  'network-create': createNetworkBodySchema,
  'network-remove': z.object({ network: networkRef }).strict(),
} as const;

export type PlanStep =
  | ({ kind: 'connect' } & z.output<typeof STEP_SCHEMAS.connect>)
  | ({ kind: 'disconnect' } & z.output<typeof STEP_SCHEMAS.disconnect>)
  | ({ kind: 'network-create' } & z.output<typeof STEP_SCHEMAS['network-create']>)
  | ({ kind: 'network-remove' } & z.output<typeof STEP_SCHEMAS['network-remove']>);

/** One step: `kind` picks the schema of the rest (the fields of that change's own route). */
const step = z.unknown().transform((v, ctx): PlanStep => {
  // Every message names the step and its field ("steps.2.container: …").
  const where = ctx.path.join('.');
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return issue(ctx, `${where} must be an object with a "kind"`), z.NEVER;
  const { kind, ...rest } = v as Record<string, unknown>;
  if (typeof kind !== 'string' || !(PLAN_STEP_KINDS as readonly string[]).includes(kind)) {
    return issue(ctx, `${where}: "kind" ${JSON.stringify(String(kind ?? '')).slice(0, 40)} is not a step Switchyard can plan`, `kinds: ${PLAN_STEP_KINDS.join(', ')}`), z.NEVER;
  }
  // Strict, as each route's own body: an unknown field is named.
  const r = STEP_SCHEMAS[kind as keyof typeof STEP_SCHEMAS].safeParse(rest);
  if (!r.success) {
    for (const i of r.error.issues) {
      const field = [where, ...i.path].join('.');
      const text = i.code === z.ZodIssueCode.unrecognized_keys ? `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k.slice(0, 40)}"`).join(', ')} in a ${kind} step` : i.message;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${field}: ${text}`, params: i.code === z.ZodIssueCode.custom ? i.params : undefined });
    }
    return z.NEVER;
  }
  return { kind, ...(r.data as object) } as PlanStep;
}).openapi({
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string', enum: [...PLAN_STEP_KINDS] } },
  description: 'kind, and the fields of that change\'s own route: connect and disconnect: network and the body of POST /api/networks/{id}/connect|disconnect; network-create: the body of POST /api/networks; network-remove: network.',
});

export const planBody = z.object({
  steps: z.array(step).min(1, '"steps" must hold at least one step').max(MAX_PLAN_STEPS, `"steps" must hold at most ${MAX_PLAN_STEPS} steps`),
  dryRun: z.boolean({ invalid_type_error: '"dryRun" must be true or false' }).optional().describe('true: check and describe the plan, change nothing.'),
}).strict();
export type PlanBody = z.output<typeof planBody>;

const cutsSchema = z.object({ connections: z.number().int(), text: z.string().nullable() }).nullable();

export const planStepReport = z.object({
  index: z.number().int().describe('0-based, in the order of the plan.'),
  kind: z.enum(PLAN_STEP_KINDS),
  command: z.string().describe('The docker CLI command that does the same.'),
  preflight: z.object({ ok: z.boolean(), message: z.string().nullable(), hint: z.string().nullable() }).describe('Whether Switchyard expects the engine to accept it, after the steps before it (on the topology as they would leave it).'),
  cuts: cutsSchema.describe('The live connections it would cut (a disconnect or a removal), read now; null for other steps or where traffic cannot be read.'),
  compose: z.object({ container: z.string(), file: z.string(), diff: z.string() }).nullable().describe('For a step that changes a compose container\'s networks: the change to its compose file that would make the plan\'s result last ("Make it last" after applying).'),
  result: z.enum(['planned', 'done', 'refused', 'failed', 'not-run', 'undone', 'undo-failed']).describe('planned (a dry run); done; refused or failed (the step that stopped the plan); not-run (after it); undone (done, then taken back when a later step failed); undo-failed (done, and taking it back failed: reason says why).'),
  reason: z.string().nullable(),
});

export const planAnswer = z.object({
  applied: z.boolean().describe('true when every step was done; false for a dry run or a plan that stopped (and was taken back).'),
  steps: z.array(planStepReport),
  entry: activityEntrySchema.nullable().describe('The plan as one activity entry with its steps (null for a dry run).'),
});
export type PlanAnswer = z.infer<typeof planAnswer>;
export type PlanStepReport = z.infer<typeof planStepReport>;

/** A step as the page sends it (the JSON of one element of `steps`). */
export type PlanStepInput =
  | { kind: 'connect'; network: string; container: string; aliases?: string[]; ipv4?: string | null; ipv6?: string | null }
  | { kind: 'disconnect'; network: string; container: string; force?: boolean }
  | ({ kind: 'network-create'; name: string } & Record<string, unknown>)
  | { kind: 'network-remove'; network: string };
