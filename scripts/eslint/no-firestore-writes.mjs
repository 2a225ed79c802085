// ESLint rule (needs type information): no Firestore write outside functions/src/store/. It
// resolves each method call to its declaration and refuses the write methods of the Admin SDK's
// Firestore classes, however the receiver was obtained (a ref from refs.ts, a snapshot's `ref`, a
// transaction, a batch or a bulk writer). Reads stay allowed. Wired up in eslint.config.mjs.

/** The write methods of each class of @google-cloud/firestore (firebase-admin/firestore re-exports it). */
const WRITES = {
  Firestore: ["runTransaction", "batch", "bulkWriter", "recursiveDelete"],
  DocumentReference: ["create", "set", "update", "delete"],
  CollectionReference: ["add"],
  Transaction: ["create", "set", "update", "delete"],
  WriteBatch: ["create", "set", "update", "delete", "commit"],
  BulkWriter: ["create", "set", "update", "delete", "close", "flush"],
};

/** The Firestore class that declares `symbol`, or null when it is declared anywhere else. */
function firestoreClassOf(symbol) {
  for (const declaration of symbol?.declarations ?? []) {
    const owner = declaration.parent;
    const file = declaration.getSourceFile().fileName;
    if (owner?.name && /[\\/]@google-cloud[\\/]firestore[\\/]/.test(file)) return owner.name.text;
  }
  return null;
}

export const noFirestoreWrites = {
  meta: {
    type: "problem",
    docs: { description: "Firestore writes belong to functions/src/store/ (docs/architecture.md, \"Code layout\")." },
    messages: {
      write: "{{className}}.{{method}}() writes Firestore: move the write into a functions/src/store/ module named after its collection and call that (docs/architecture.md, \"Code layout\").",
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program) throw new Error("taskbridge/no-firestore-writes needs type information (parserOptions.project)");
    const checker = services.program.getTypeChecker();
    return {
      "CallExpression > MemberExpression.callee"(callee) {
        if (callee.computed || callee.property.type !== "Identifier") return;
        const method = callee.property.name;
        if (!Object.values(WRITES).some((methods) => methods.includes(method))) return;
        const className = firestoreClassOf(checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(callee.property)));
        if (className && WRITES[className]?.includes(method)) context.report({ node: callee.property, messageId: "write", data: { className, method } });
      },
    };
  },
};
