/**
 * Asana's opt_fields: a response holds only the fields named (dotted paths reach into nested
 * records and arrays of records), and every record keeps its gid and resource_type. Without
 * opt_fields a record is compact: gid, resource_type and name.
 */
export function selectOptFields(record: Record<string, unknown>, optFields: string | null): Record<string, unknown> {
  if (optFields === null || optFields.trim() === "") return compact(record);
  const paths = optFields.split(",").map((path) => path.trim().split(".")).filter((path) => path[0] !== "");
  return select(record, paths);
}

function select(record: Record<string, unknown>, paths: string[][]): Record<string, unknown> {
  const out: Record<string, unknown> = identity(record);
  const byField = new Map<string, string[][]>();
  for (const [field, ...rest] of paths) {
    if (field === undefined) continue;
    byField.set(field, [...(byField.get(field) ?? []), ...(rest.length > 0 ? [rest] : [])]);
  }
  for (const [field, nested] of byField) {
    if (!(field in record)) continue;
    out[field] = narrow(record[field], nested);
  }
  return out;
}

/** A nested record named without sub-fields comes back as its gid and resource_type only. */
function narrow(value: unknown, nested: string[][]): unknown {
  if (Array.isArray(value)) return value.map((entry) => narrow(entry, nested));
  if (!isRecord(value)) return value;
  return nested.length === 0 ? identity(value) : select(value, nested);
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return { ...identity(record), ...("name" in record ? { name: record.name } : {}) };
}

function identity(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if ("gid" in record) out.gid = record.gid;
  if ("resource_type" in record) out.resource_type = record.resource_type;
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
