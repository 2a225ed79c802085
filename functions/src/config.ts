import { setGlobalOptions } from "firebase-functions";

/**
 * Imported first by index.ts: global options are read when each function is defined, so they
 * must be set before any module that calls onRequest/onCall/… is evaluated.
 */
export const REGION = "us-central1";

setGlobalOptions({ region: REGION, maxInstances: 20 });
