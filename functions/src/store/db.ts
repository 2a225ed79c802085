import { getApps, initializeApp, type App } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";

let instance: Firestore | undefined;

/** The default Admin app, initialised on first use. */
export function adminApp(): App {
  // Look for the default app by name: other apps may exist (the emulator runtime can create its own).
  return getApps().find((app) => app.name === "[DEFAULT]") ?? initializeApp();
}

/** The Admin SDK's Firestore, created on first use so a cold start does no work it does not need. */
export function db(): Firestore {
  if (!instance) {
    instance = getFirestore(adminApp());
  }
  return instance;
}

/** Firestore's "document already exists" (gRPC ALREADY_EXISTS), raised by create(). */
export function isAlreadyExists(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 6;
}

/** Firestore's "precondition failed" (gRPC FAILED_PRECONDITION): an update whose `lastUpdateTime` no longer holds. */
export function isFailedPrecondition(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 9;
}
