import type { DocumentData, FirestoreDataConverter, QueryDocumentSnapshot, SnapshotOptions } from "firebase/firestore";
import { IntegrationSchema, MemberSchema, NormalizedTaskSchema, OrgSchema, ProjectSchema, SyncRunSchema, SyncStatsSchema } from "./domain";
import { timestampsToDates } from "./timestamps";

/**
 * What a converter needs of a schema. Structural, so this package does not depend on zod itself:
 * the schemas come from functions/src/domain with the backend's own zod.
 */
export interface DocumentSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

/** A document's data with its Firestore id beside it (tasks carry their id as a field as well). */
export type WithId<T> = T & { id: string };

/** A document that does not match its schema: the path and the first problems, never the data. */
export class InvalidDocumentError extends Error {
  constructor(
    readonly path: string,
    readonly issues: string[],
  ) {
    super(`${path} does not match its schema: ${issues.join("; ")}`);
    this.name = "InvalidDocumentError";
  }
}

/**
 * A read-only converter: Timestamps become Dates and the document is checked against the
 * backend's schema, so an app never renders a half-written or outdated shape by accident.
 * Clients write nothing (firestore.rules), so toFirestore refuses.
 */
export function schemaConverter<T extends object>(schema: DocumentSchema<T>): FirestoreDataConverter<WithId<T>> {
  return {
    toFirestore(): DocumentData {
      throw new Error("taskbridge documents are written by the backend only; use the callables.");
    },
    fromFirestore(snapshot: QueryDocumentSnapshot, options?: SnapshotOptions): WithId<T> {
      const parsed = schema.safeParse(timestampsToDates(snapshot.data(options)));
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`);
        throw new InvalidDocumentError(snapshot.ref.path, issues);
      }
      return { ...parsed.data, id: snapshot.id };
    },
  };
}

export const taskConverter = schemaConverter(NormalizedTaskSchema);
export const integrationConverter = schemaConverter(IntegrationSchema);
export const projectConverter = schemaConverter(ProjectSchema);
export const syncRunConverter = schemaConverter(SyncRunSchema);
export const syncStatsConverter = schemaConverter(SyncStatsSchema);
export const orgConverter = schemaConverter(OrgSchema);
export const memberConverter = schemaConverter(MemberSchema);
