/**
 * Just enough GraphQL reading for the Linear simulator: the first operation of a document, its
 * kind, and each root field with its arguments resolved against the variables. Selection sets
 * below the root are skipped here: the simulator builds whole records and graphql-selection.ts
 * cuts its answer down to the selection.
 */
export interface RootField {
  name: string;
  /** The key the answer goes under: the alias when there is one. */
  key: string;
  args: Record<string, unknown>;
}

export interface Operation {
  kind: "query" | "mutation";
  fields: RootField[];
}

export class GraphqlSyntaxError extends Error {}

const TOKEN = /\s*(?:(#[^\n]*)|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(\.\.\.|[{}()[\]:,!$=@])|([_A-Za-z][_0-9A-Za-z]*))/y;

function tokenize(document: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < document.length) {
    if (/^\s*$/.test(document.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(document);
    if (!match) throw new GraphqlSyntaxError(`Syntax Error: Unexpected character at ${start}`);
    if (match[1] === undefined) tokens.push((match[2] ?? match[3] ?? match[4] ?? match[5])!);
  }
  return tokens;
}

export function parseOperation(document: string, variables: Record<string, unknown>): Operation {
  const tokens = tokenize(document);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => {
    const token = tokens[at++];
    if (token === undefined) throw new GraphqlSyntaxError("Syntax Error: Unexpected <EOF>");
    return token;
  };
  const expect = (token: string) => {
    const got = next();
    if (got !== token) throw new GraphqlSyntaxError(`Syntax Error: Expected "${token}", found "${got}"`);
  };
  const skipBalanced = (open: string, close: string) => {
    expect(open);
    for (let depth = 1; depth > 0; ) {
      const token = next();
      if (token === open) depth += 1;
      else if (token === close) depth -= 1;
    }
  };
  const value = (): unknown => {
    const token = next();
    if (token === "$") {
      const name = next();
      return variables[name] ?? null;
    }
    if (token.startsWith('"')) return JSON.parse(token) as string;
    if (/^-?\d/.test(token)) return Number(token);
    if (token === "true" || token === "false") return token === "true";
    if (token === "null") return null;
    if (token === "[") {
      const list: unknown[] = [];
      while (peek() !== "]") {
        list.push(value());
        if (peek() === ",") next();
      }
      next();
      return list;
    }
    if (token === "{") {
      const object: Record<string, unknown> = {};
      while (peek() !== "}") {
        const key = next();
        expect(":");
        object[key] = value();
        if (peek() === ",") next();
      }
      next();
      return object;
    }
    return token; // an enum value, e.g. orderBy: createdAt
  };

  // Fragments may come before the operation; skip them.
  while (peek() === "fragment") {
    while (peek() !== "{") next();
    skipBalanced("{", "}");
  }
  let kind: Operation["kind"] = "query";
  if (peek() === "query" || peek() === "mutation") {
    kind = next() as Operation["kind"];
    if (peek() !== "(" && peek() !== "{") next();
    if (peek() === "(") skipBalanced("(", ")");
  } else if (peek() !== "{") {
    throw new GraphqlSyntaxError(`Syntax Error: Unexpected "${String(peek())}"`);
  }
  expect("{");
  const fields: RootField[] = [];
  while (peek() !== "}") {
    if (peek() === "...") throw new GraphqlSyntaxError("fragment spreads at the root are not simulated");
    let name = next();
    let key = name;
    if (peek() === ":") {
      next();
      key = name;
      name = next();
    }
    const args: Record<string, unknown> = {};
    if (peek() === "(") {
      next();
      while (peek() !== ")") {
        const arg = next();
        expect(":");
        args[arg] = value();
        if (peek() === ",") next();
      }
      next();
    }
    if (peek() === "{") skipBalanced("{", "}");
    fields.push({ name, key, args });
    if (peek() === ",") next();
  }
  return { kind, fields };
}
