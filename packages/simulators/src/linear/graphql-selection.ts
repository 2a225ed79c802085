import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

/**
 * Cuts a simulator's whole records down to what the document selected, as a GraphQL server
 * answers: a field nobody asked for is absent, so a client reading one it did not select fails
 * here as it would against Linear. Only the parser is graphql-js's; no schema is involved (the
 * contract tests check the answers' types against Linear's schema separately).
 */
export function selectAnswer(document: string, data: Record<string, unknown>): Record<string, unknown> {
  const ast = parse(document);
  const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return data;
  const fragments = new Map(
    ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return project(data, operation.selectionSet, fragments) as Record<string, unknown>;
}

function project(value: unknown, selection: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map((item) => project(item, selection, fragments));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const node of selection.selections) {
    if (node.kind === Kind.FIELD) {
      const key = node.alias?.value ?? node.name.value;
      // The root's values are already under their response keys (aliases); deeper records under field names.
      const raw = key in source ? source[key] : source[node.name.value];
      const nested = node.selectionSet ? project(raw, node.selectionSet, fragments) : raw;
      out[key] = key in out && typeof out[key] === "object" && out[key] !== null ? { ...(out[key] as object), ...(nested as object) } : (nested ?? null);
    } else {
      const set = node.kind === Kind.INLINE_FRAGMENT ? node.selectionSet : fragments.get(node.name.value)?.selectionSet;
      if (set) mergeInto(out, project(source, set, fragments) as Record<string, unknown>);
    }
  }
  return out;
}

/** A field selected twice (`team { id }` in a fragment and `team { id states }` beside it) merges, as GraphQL merges it. */
function mergeInto(target: Record<string, unknown>, extra: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(extra)) {
    const current = target[key];
    if (current && value && typeof current === "object" && typeof value === "object" && !Array.isArray(current)) {
      mergeInto(current as Record<string, unknown>, value as Record<string, unknown>);
    } else {
      target[key] = value;
    }
  }
}
