/**
 * The baseline the webhook endpoint's acknowledgement latency is compared with: an HTTPS
 * function that does the least a durable acknowledgement can, one Firestore create, with the
 * same options as `webhooks` (region, concurrency, public). Its twin `benchTriggeredCreate` does
 * the same create into a collection a no-op trigger watches: what a hand-off through a Firestore
 * trigger costs the emulator (which runs that trigger on the same cores) before any of our work.
 * It lives in its own codebase that only bench/firebase.bench.json loads, so it is never part of
 * a deploy. Plain CommonJS, so nothing has to build it; firebase-functions and firebase-admin resolve from the root
 * node_modules.
 */
"use strict";
const { initializeApp } = require("firebase-admin/app");
const { getFirestore } = require("firebase-admin/firestore");
const { onDocumentCreated } = require("firebase-functions/v2/firestore");
const { onRequest } = require("firebase-functions/v2/https");

initializeApp();

/** An HTTPS function answering after one create into `collection`: the same code for both baselines. */
function createInto(collection) {
  return onRequest({ region: "us-central1", timeoutSeconds: 30, concurrency: 80, invoker: "public" }, async (req, res) => {
    await getFirestore().collection(collection).doc().create({ receivedAt: new Date(), bytes: req.rawBody ? req.rawBody.length : 0 });
    res.status(200).json({ status: "accepted" });
  });
}

exports.benchBareCreate = createInto("benchBareCreates");
exports.benchTriggeredCreate = createInto("benchTriggeredCreates");

// Does nothing: the cost measured is the emulator dispatching one trigger per create.
exports.benchTriggeredNoop = onDocumentCreated({ region: "us-central1", document: "benchTriggeredCreates/{id}" }, async () => {});
