import { createHash } from "node:crypto";
import type { ProviderId } from "./provider-id";
import type { NormalizedTask, TaskDraft } from "./task";

/** Where a task lives: the part of a NormalizedTask the pipeline knows and the provider does not. */
export interface TaskContext {
  provider: ProviderId;
  integrationId: string;
  projectId: string;
  projectName: string | null;
}

/** Deterministic document id, so every path that writes a task (sync, webhook, write-back) upserts one document. */
export function taskDocId(provider: ProviderId, externalId: string): string {
  return `${provider}:${encodeURIComponent(externalId)}`;
}

/** A stable digest of everything the provider told us, so an unchanged task is never rewritten. */
export function contentHash(draft: TaskDraft, context: TaskContext): string {
  return createHash("sha256").update(stableStringify({ draft, context })).digest("hex");
}

export function toNormalizedTask(draft: TaskDraft, context: TaskContext): NormalizedTask {
  const { parentExternalId, ...fields } = draft;
  return {
    ...fields,
    id: taskDocId(context.provider, draft.externalId),
    provider: context.provider,
    integrationId: context.integrationId,
    projectId: context.projectId,
    projectName: context.projectName,
    parentId: parentExternalId === null ? null : taskDocId(context.provider, parentExternalId),
    deleted: false,
    contentHash: contentHash(draft, context),
  };
}

/** JSON with sorted object keys and dates as ISO strings: equal values always give equal text. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
