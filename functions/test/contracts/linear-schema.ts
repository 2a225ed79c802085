/*
 * Linear's GraphQL schema, rebuilt from what @linear/sdk ships. The SDK's npm package carries no
 * schema.graphql, but its type declarations (dist/index-*.d.mts) are graphql-codegen's
 * `typescript` output over that schema: one type alias per GraphQL type, `Maybe<>` for nullable,
 * `<Type><Field>Args` for a field's arguments, `declare enum` for enums, `Scalars` for scalars.
 * This module turns those declarations back into SDL, so our documents can be validated with
 * graphql's own `validate` against the schema of the SDK version in package-lock.json.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { buildSchema, GraphQLScalarType, type GraphQLSchema } from "graphql";
import ts from "typescript";

const HELPERS = new Set(["Maybe", "InputMaybe", "Exact", "MakeOptional", "MakeMaybe", "MakeEmpty", "Incremental", "Scalars"]);
const BUILT_IN_SCALARS = new Set(["ID", "String", "Boolean", "Int", "Float"]);

interface Field {
  name: string;
  optional: boolean;
  type: ts.TypeNode;
}

interface Alias {
  name: string;
  /** Intersected type references (`Node & Entity & {...}`): the interfaces an object implements. */
  bases: string[];
  fields: Field[] | null;
  /** `A | B | C` of type references: a union. */
  members: string[] | null;
  typename: string | null;
}

/** The SDK's declaration file that holds the schema types (its name carries a build hash). */
export function linearSdkDeclarations(): { path: string; version: string } {
  const pkgPath = require.resolve("@linear/sdk/package.json");
  const version = (JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string }).version;
  const dist = join(dirname(pkgPath), "dist");
  for (const file of readdirSync(dist).filter((f) => f.endsWith(".d.mts"))) {
    const path = join(dist, file);
    if (readFileSync(path, "utf8").includes("\ntype Scalars = {")) return { path, version };
  }
  throw new Error(`@linear/sdk ${version}: no declaration file with the schema's Scalars type in ${dist}`);
}

let cached: { schema: GraphQLSchema; sdl: string; version: string } | undefined;

/** Linear's schema as graphql-js builds it; DateTime rejects anything but an ISO 8601 string. */
export function linearSchema(): { schema: GraphQLSchema; sdl: string; version: string } {
  if (cached) return cached;
  const { path, version } = linearSdkDeclarations();
  const sdl = sdlFromDeclarations(readFileSync(path, "utf8"));
  const schema = buildSchema(sdl);
  const dateTime = schema.getType("DateTime");
  if (dateTime instanceof GraphQLScalarType) {
    dateTime.serialize = (value: unknown) => {
      if (typeof value !== "string" || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
        throw new TypeError(`DateTime cannot represent ${JSON.stringify(value)}: Linear sends ISO 8601 date-times`);
      }
      return value;
    };
  }
  cached = { schema, sdl, version };
  return cached;
}

export function sdlFromDeclarations(source: string): string {
  const file = ts.createSourceFile("linear-sdk.d.mts", source, ts.ScriptTarget.Latest, false);
  const aliases = new Map<string, Alias>();
  const enums: string[] = [];
  const scalars: string[] = [];
  for (const statement of file.statements) {
    if (ts.isEnumDeclaration(statement)) {
      const values = statement.members.map((m) => (m.initializer && ts.isStringLiteral(m.initializer) ? m.initializer.text : m.name.getText(file)));
      enums.push(`enum ${statement.name.text} {\n${values.map((v) => `  ${v}`).join("\n")}\n}`);
    } else if (ts.isTypeAliasDeclaration(statement)) {
      const name = statement.name.text;
      if (name === "Scalars" && ts.isTypeLiteralNode(statement.type)) {
        for (const member of statement.type.members) {
          const key = member.name?.getText(file);
          if (key && !BUILT_IN_SCALARS.has(key)) scalars.push(`scalar ${key}`);
        }
      }
      if (HELPERS.has(name) || statement.typeParameters) continue;
      const alias = readAlias(name, statement.type, file);
      if (alias) aliases.set(name, alias);
    }
  }

  const objects = [...aliases.values()].filter((a) => a.fields && a.typename === a.name);
  const objectNames = new Set(objects.map((o) => o.name));
  // A base without a __typename of its own is a GraphQL interface (`type Issue = Node & {...}`).
  const interfaces = new Set([...aliases.values()].flatMap((a) => a.bases).filter((b) => !objectNames.has(b)));
  const argsOf = (type: string, field: string) => aliases.get(`${type}${field[0]!.toUpperCase()}${field.slice(1)}Args`);
  const consumedArgs = new Set<string>();
  const out: string[] = [...scalars, ...enums];

  const typeOf = (node: ts.TypeNode, nullable: boolean): string => {
    const inner = graphqlType(node, file);
    return nullable || inner.nullable ? inner.text : `${inner.text}!`;
  };

  for (const object of objects) {
    const implemented = object.bases.filter((b) => interfaces.has(b));
    if (object.name.includes("$")) continue;
    const fields = object.fields!.filter((f) => f.name !== "__typename").map((f) => {
      const args = argsOf(object.name, f.name);
      let argText = "";
      if (args?.fields) {
        consumedArgs.add(args.name);
        argText = `(${args.fields.map((a) => `${a.name}: ${typeOf(a.type, a.optional)}`).join(", ")})`;
      }
      return `  ${f.name}${argText}: ${typeOf(f.type, false)}`;
    });
    const implementsText = implemented.length > 0 ? ` implements ${implemented.join(" & ")}` : "";
    out.push(`type ${object.name}${implementsText} {\n${fields.join("\n")}\n}`);
  }
  for (const name of interfaces) {
    const alias = aliases.get(name);
    if (!alias?.fields) continue;
    out.push(`interface ${name} {\n${alias.fields.filter((f) => f.name !== "__typename").map((f) => `  ${f.name}: ${typeOf(f.type, false)}`).join("\n")}\n}`);
  }
  for (const alias of aliases.values()) {
    if (alias.members && alias.members.every((m) => objectNames.has(m))) out.push(`union ${alias.name} = ${alias.members.join(" | ")}`);
  }
  // Everything else without a __typename is an input object (the SDK's documents' own types all carry one or wrap Exact<>).
  for (const alias of aliases.values()) {
    if (!alias.fields || alias.typename !== null || alias.name.includes("$") || interfaces.has(alias.name) || consumedArgs.has(alias.name) || alias.bases.length > 0) continue;
    if (/(Args|Fragment|Query|Mutation|Variables)$/.test(alias.name)) continue;
    let fields: string[];
    try {
      fields = alias.fields.map((f) => `  ${f.name}: ${typeOf(f.type, f.optional)}`);
    } catch {
      continue; // not a schema type (the SDK's own option and document types)
    }
    out.push(`input ${alias.name} {\n${fields.join("\n")}\n}`);
  }
  out.push("schema {\n  query: Query\n  mutation: Mutation\n}");
  return out.join("\n\n");
}

function readAlias(name: string, type: ts.TypeNode, file: ts.SourceFile): Alias | null {
  const bases: string[] = [];
  let literal: ts.TypeLiteralNode | null = null;
  if (ts.isTypeLiteralNode(type)) literal = type;
  else if (ts.isIntersectionTypeNode(type)) {
    for (const part of type.types) {
      if (ts.isTypeLiteralNode(part)) literal = part;
      else if (ts.isTypeReferenceNode(part) && ts.isIdentifier(part.typeName) && !part.typeArguments) bases.push(part.typeName.text);
      else return null;
    }
  } else if (ts.isUnionTypeNode(type)) {
    const members = type.types.map((t) => (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && !t.typeArguments ? t.typeName.text : null));
    if (members.some((m) => m === null)) return null;
    return { name, bases: [], fields: null, members: members as string[], typename: null };
  } else return null;
  if (!literal) return null;
  const fields: Field[] = [];
  let typename: string | null = null;
  for (const member of literal.members) {
    if (!ts.isPropertySignature(member) || !member.type) return null;
    const key = member.name.getText(file).replace(/^"|"$/g, "");
    if (key === "__typename") {
      // Schema types spell it optional with their own name; the documents' result types do not.
      if (member.questionToken && ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal)) typename = member.type.literal.text;
      else return null;
      continue;
    }
    fields.push({ name: key, optional: member.questionToken !== undefined, type: member.type });
  }
  if (typename !== null && typename !== name) return null;
  return { name, bases, fields, members: null, typename };
}

function graphqlType(node: ts.TypeNode, file: ts.SourceFile): { text: string; nullable: boolean } {
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const ref = node.typeName.text;
    const arg = node.typeArguments?.[0];
    if ((ref === "Maybe" || ref === "InputMaybe") && arg) return { text: graphqlType(arg, file).text, nullable: true };
    if (ref === "Array" && arg) {
      const item = graphqlType(arg, file);
      return { text: `[${item.nullable ? item.text : `${item.text}!`}]`, nullable: false };
    }
    // The bundler renames clashing declarations X$1: those are the SDK's webhook types, not the schema's.
    if (!node.typeArguments && !ref.includes("$")) return { text: ref, nullable: false };
  }
  if (ts.isIndexedAccessTypeNode(node) && ts.isLiteralTypeNode(node.indexType) && ts.isStringLiteral(node.indexType.literal)) {
    // Scalars["DateTime"] (and the newer codegen's Scalars["DateTime"]["output"]).
    const obj = node.objectType;
    if (ts.isTypeReferenceNode(obj) && obj.typeName.getText(file) === "Scalars") return { text: node.indexType.literal.text, nullable: false };
    if (ts.isIndexedAccessTypeNode(obj)) return graphqlType(obj, file);
  }
  if (ts.isArrayTypeNode(node)) {
    const item = graphqlType(node.elementType, file);
    return { text: `[${item.nullable ? item.text : `${item.text}!`}]`, nullable: false };
  }
  throw new Error(`@linear/sdk declarations: cannot read the type ${node.getText(file)} as a GraphQL type`);
}
