/**
 * Preloaded (NODE_OPTIONS=--require) into every Node process of a bench run, active only in the
 * emulated functions' runtime workers (FUNCTION_TARGET set, BENCH_COUNTER_DIR given).
 *
 * Why: the Firestore emulator does not report how many documents were read or written, and the
 * sync's own progress counters are the code under test, not a measurement of it. This counts at
 * the client-library boundary, below our code:
 *   - reads: every document a query returned (Query#_get, used by get() and transactions) and
 *     every document a batch get asked for (DocumentReader#_get: doc.get(), getAll(), tx.get());
 *     aggregation queries (count()) separately, one per call;
 *   - writes: every set/create/update/delete added to a WriteBatch (which BulkWriter's batches,
 *     transactions and DocumentReference writes all go through), counted when issued;
 *   - Cloud Tasks: each TaskQueue#enqueue call and whether the queue took it or answered
 *     task-already-exists.
 * Counts are keyed by collection kind: `tasks` (orgs/{org}/tasks/{id}) or `other`, and written
 * as one JSON file per process to BENCH_COUNTER_DIR, which the bench sums.
 */
"use strict";
const Module = require("node:module");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.BENCH_COUNTER_DIR;
if (dir && process.env.FUNCTION_TARGET) install(dir);

function install(dir) {
  const counts = { reads: { tasks: 0, other: 0 }, writes: { tasks: 0, other: 0 }, aggregations: 0, enqueued: 0, alreadyExists: 0, enqueueErrors: 0 };
  const file = path.join(dir, `${process.pid}.json`);
  let pending = false;
  const flush = () => {
    pending = false;
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(counts));
    fs.renameSync(`${file}.tmp`, file); // a reader never sees half a file
  };
  const changed = () => {
    if (pending) return;
    pending = true;
    setTimeout(flush, 100);
  };
  const kind = (docPath) => (/^orgs\/[^/]+\/tasks\/[^/]+$/.test(docPath) ? "tasks" : "other");

  const patched = new Set();
  const originalLoad = Module._load;
  Module._load = function load(request, parent, isMain) {
    const exported = originalLoad.call(this, request, parent, isMain);
    try {
      if (request === "@google-cloud/firestore" && !patched.has("firestore")) {
        patched.add("firestore");
        patchFirestore(path.dirname(require.resolve(request, { paths: [parent ? path.dirname(parent.filename) : process.cwd()] })));
      }
      if (request === "firebase-admin/functions" && !patched.has("tasks")) patchTaskQueue(parent);
    } catch (error) {
      process.stderr.write(`bench counter: could not instrument ${request}: ${error}\n`);
    }
    return exported;
  };

  function patchFirestore(srcDir) {
    const { Query } = require(path.join(srcDir, "reference/query.js"));
    const { AggregateQuery } = require(path.join(srcDir, "reference/aggregate-query.js"));
    const { DocumentReader } = require(path.join(srcDir, "document-reader.js"));
    const { WriteBatch } = require(path.join(srcDir, "write-batch.js"));

    const queryGet = Query.prototype._get;
    Query.prototype._get = async function (...args) {
      const response = await queryGet.apply(this, args);
      for (const doc of response.result.docs) counts.reads[kind(doc.ref.path)] += 1;
      changed();
      return response;
    };
    const readerGet = DocumentReader.prototype._get;
    DocumentReader.prototype._get = async function (...args) {
      const response = await readerGet.apply(this, args);
      for (const snapshot of response.result) counts.reads[kind(snapshot.ref.path)] += 1;
      changed();
      return response;
    };
    const aggregateGet = AggregateQuery.prototype._get;
    AggregateQuery.prototype._get = async function (...args) {
      counts.aggregations += 1;
      changed();
      return aggregateGet.apply(this, args);
    };
    for (const op of ["set", "create", "update", "delete"]) {
      const original = WriteBatch.prototype[op];
      WriteBatch.prototype[op] = function (documentRef, ...rest) {
        counts.writes[kind(documentRef.path)] += 1;
        changed();
        return original.call(this, documentRef, ...rest);
      };
    }
  }

  /** firebase-admin/functions: the TaskQueue class lives in lib/functions/functions.js. */
  function patchTaskQueue(parent) {
    const entry = require.resolve("firebase-admin/functions", { paths: [parent ? path.dirname(parent.filename) : process.cwd()] });
    const { TaskQueue } = require(path.join(path.dirname(entry), "functions.js"));
    if (!TaskQueue || patched.has("tasks")) return;
    patched.add("tasks");
    const enqueue = TaskQueue.prototype.enqueue;
    TaskQueue.prototype.enqueue = async function (...args) {
      try {
        const result = await enqueue.apply(this, args);
        counts.enqueued += 1;
        return result;
      } catch (error) {
        if (error && error.code === "functions/task-already-exists") counts.alreadyExists += 1;
        else counts.enqueueErrors += 1;
        throw error;
      } finally {
        changed();
      }
    };
  }
}
