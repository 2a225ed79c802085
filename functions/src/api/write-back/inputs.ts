import { z } from "zod";

const id = z.string().min(1).max(300);

/** Text is bounded so a client cannot push a provider past its own limits or fill a document. */
export const LIMITS = { title: 500, description: 50_000, comment: 20_000, assignees: 20, clientRequestId: 128 } as const;

export const CompleteTaskInputSchema = z.object({ orgId: id, taskId: id });
export const CommentOnTaskInputSchema = z.object({ orgId: id, taskId: id, text: z.string().trim().min(1).max(LIMITS.comment) });
export const CreateTaskInputSchema = z.object({
  orgId: id,
  integrationId: id,
  projectId: id,
  title: z.string().trim().min(1).max(LIMITS.title),
  description: z.string().max(LIMITS.description).optional(),
  assignees: z.array(z.string().min(1).max(200)).max(LIMITS.assignees).optional(),
  dueAt: z.iso.datetime({ offset: true }).optional(),
  clientRequestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "use letters, digits, - and _")
    .min(8)
    .max(LIMITS.clientRequestId)
    .optional(),
});
