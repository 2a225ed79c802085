import { initializeApp } from "firebase/app";
import { connectAuthEmulator, getAuth } from "firebase/auth";
import { connectFirestoreEmulator, getFirestore } from "firebase/firestore";
import { connectFunctionsEmulator, getFunctions } from "firebase/functions";
import { callablesFor } from "@taskbridge/client";

// The console talks to the local emulator suite only (the demo project; a `demo-` project never
// reaches a real one). Ports are firebase.json's.
const app = initializeApp({ projectId: "demo-taskbridge", apiKey: "demo-key", authDomain: "demo-taskbridge.firebaseapp.com" });

export const auth = getAuth(app);
export const db = getFirestore(app);
const functions = getFunctions(app, "us-central1");

const host = "127.0.0.1";
connectAuthEmulator(auth, `http://${host}:9099`, { disableWarnings: true });
connectFirestoreEmulator(db, host, 8080);
connectFunctionsEmulator(functions, host, 5001);

export const api = callablesFor(functions);
