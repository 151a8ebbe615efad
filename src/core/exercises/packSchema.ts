/**
 * Exercise packs: files (`*.deliberate-pack.json`) holding guided exercises. Each step of
 * an exercise completes from what Deliberate observes (attributions, fates, runs, commits),
 * never from a box the person ticks, so the conditions are declarative data.
 *
 * Conditions never name an AI product: `assistant` is the kind of assistant ("inline" for
 * any inline completion provider, "chat", "agent" for any agent), as the attribution labels
 * ai.inline / ai.chat / ai.agent are.
 */
import * as z from 'zod';
import { HABITS, ID_MESSAGE, ID_PATTERN, lineText } from '../settings/values';

/**
 * Size limits: a pack is read on every change while it is edited and its words are shown in
 * quick picks and views, so no field may be longer than anyone would write by hand.
 */
const title = lineText(120).min(1);
const prose = (max: number) => z.string().min(1).max(max);

const assistant = z.enum(['inline', 'chat', 'agent', 'any']).meta({ description: 'Which kind of AI assistant: any inline completion provider, a chat edit, any agent, or any of them.' });
const count = z.int().min(1).max(20).meta({ description: 'How many times the condition must be met (default 1).' });

const aiEdit = z.strictObject({
  when: z.literal('aiEdit').meta({ description: 'An AI edit settles: an accepted inline suggestion, a chat edit or an agent edit.' }),
  assistant: assistant.optional(),
  minLines: z.int().min(1).optional().meta({ description: 'At least this many lines inserted.' }),
  maxLines: z.int().min(1).optional().meta({ description: 'At most this many lines inserted (a small, reviewable step).' }),
  partial: z.boolean().optional().meta({ description: 'Only part of an inline suggestion accepted (word by word or line by line), not the whole of it.' }),
  count: count.optional(),
});

const revisedAiEdit = z.strictObject({
  when: z.literal('revisedAiEdit').meta({ description: 'The person revises an AI edit made during the exercise by hand.' }),
  assistant: assistant.optional(),
  minShare: z.number().min(0).max(1).optional().meta({ description: 'Share of the AI edit changed by hand, from 0 to 1 (default 0.1).' }),
  before: z.enum(['save', 'commit']).optional().meta({ description: 'The revision must be there when the file is next saved, or at the next commit.' }),
});

const run = z.strictObject({
  when: z.literal('run').meta({ description: "A test, build or lint run starts: a task of the test or build group, a recognised command in a terminal, one of the team's validation commands, or a debug session." }),
  kind: z.enum(['test', 'build', 'lint', 'any']).optional().meta({ description: 'What kind of run (default any).' }),
  after: z.enum(['aiEdit', 'aiEdit:inline', 'aiEdit:chat', 'aiEdit:agent']).optional().meta({ description: 'The run must follow an AI edit (of this kind) made during the exercise.' }),
  before: z.literal('commit').optional().meta({ description: 'The AI edit must not have been committed before the run.' }),
  count: count.optional(),
});

const commit = z.strictObject({
  when: z.literal('commit').meta({ description: 'A commit lands.' }),
  validated: z.boolean().optional().meta({ description: 'Every AI edit of the exercise was run or tested before this commit.' }),
});

const save = z.strictObject({ when: z.literal('save').meta({ description: 'A file edited during the exercise is saved.' }) });

const review = z.strictObject({
  when: z.literal('review').meta({ description: 'The person looks at the last AI edit before asking for more: moves through the edited file, edits it, saves it or runs it.' }),
});

const humanEditNear = z.strictObject({
  when: z.literal('humanEditNear').meta({ description: 'The person types by hand next to the last AI edit (for example its doc comment).' }),
  lines: z.int().min(0).max(50).optional().meta({ description: 'Within this many lines of the AI edit (default 3).' }),
  minChars: z.int().min(1).optional().meta({ description: 'At least this many characters typed (default 20).' }),
});

const undoAiEdit = z.strictObject({
  when: z.literal('undoAiEdit').meta({ description: 'The person undoes most of an AI edit made during the exercise.' }),
  assistant: assistant.optional(),
});

const errorFixedByHand = z.strictObject({
  when: z.literal('errorFixedByHand').meta({ description: 'A file edited by AI during the exercise has errors, and the person clears them with their own edits (no AI edit in between).' }),
});

export const conditionSchema = z.discriminatedUnion('when', [aiEdit, revisedAiEdit, run, commit, save, review, humanEditNear, undoAiEdit, errorFixedByHand]);
export type Condition = z.infer<typeof conditionSchema>;

const id = z.string().max(100).regex(ID_PATTERN, ID_MESSAGE);

export const stepSchema = z.strictObject({
  title: title.meta({ description: 'What to do, in one short imperative sentence.' }),
  detail: prose(1000).optional().meta({ description: 'A longer hint.' }),
  done: conditionSchema.meta({ description: 'What Deliberate must observe for the step to be done.' }),
});
export type Step = z.infer<typeof stepSchema>;

export const exerciseSchema = z.strictObject({
  id,
  title,
  habit: z.enum(HABITS).meta({ description: 'The habit this exercise practises (coaching-evidence.md): iterate, validate, decompose or learn.' }),
  summary: lineText(500).min(1).meta({ description: 'One or two sentences: what the person will do.' }),
  why: prose(2000).meta({ description: 'Why this habit matters, with its source.' }),
  where: z.enum(['own', 'scratch', 'either']).optional().meta({ description: "In the person's own code, in a scratch workspace, or either (default)." }),
  steps: z.array(stepSchema).min(1).max(12),
});
export type Exercise = z.infer<typeof exerciseSchema>;

export const packSchema = z
  .strictObject({
    $schema: z.string().max(500).optional(),
    id: id.meta({ description: 'Unique id of the pack, named in deliberate.exercises.packs.' }),
    title,
    description: prose(2000).optional(),
    exercises: z.array(exerciseSchema).min(1).max(50),
  })
  .superRefine((pack, ctx) => {
    const seen = new Set<string>();
    pack.exercises.forEach((e, k) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', message: `duplicate exercise id "${e.id}"`, path: ['exercises', k, 'id'] });
      seen.add(e.id);
    });
  })
  .meta({ title: 'Deliberate exercise pack', description: 'Guided exercises whose steps complete from what Deliberate observes in the editor.' });
export type Pack = z.infer<typeof packSchema>;

export function packJsonSchema(): object {
  return z.toJSONSchema(packSchema, { target: 'draft-7' });
}
