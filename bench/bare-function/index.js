/**
 * The baseline the webhook endpoint's acknowledgement latency is compared with: an HTTPS
 * function that does the least a durable acknowledgement can, one Firestore create, with the
 * same options as `webhooks` (region, concurrency, public). It lives in its own codebase that
 * only bench/firebase.bench.json loads, so it is never part of a deploy. Plain CommonJS, so
 * nothing has to build it; firebase-functions and firebase-admin resolve from the root
 * node_modules.
 */
"use strict";
const { initializeApp } = require("firebase-admin/app");
const { getFirestore } = require("firebase-admin/firestore");
const { onRequest } = require("firebase-functions/v2/https");

initializeApp();

exports.benchBareCreate = onRequest({ region: "us-central1", timeoutSeconds: 30, concurrency: 80, invoker: "public" }, async (req, res) => {
  await getFirestore().collection("benchBareCreates").doc().create({ receivedAt: new Date(), bytes: req.rawBody ? req.rawBody.length : 0 });
  res.status(200).json({ status: "accepted" });
});
