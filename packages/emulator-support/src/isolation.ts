import { refs } from "../../../functions/src/store/refs";

/**
 * Marks every connected integration in the emulator disconnected.
 *
 * Test files share one emulator run. `reconcile()` (rightly, as the scheduler calls it) publishes
 * for every connected integration it finds, so one left connected by an earlier file, whose
 * simulator has stopped, costs a later file a fan-out that fails against a closed port and an
 * emulator worker killed for it: background load that has failed unrelated files on a loaded
 * machine. Disconnected, no schedule, reconcile or continuation touches it again. No trigger
 * listens to integration documents, so this starts no work of its own.
 */
export async function disconnectEveryIntegration(): Promise<void> {
  const connected = await refs.allIntegrations().where("status", "==", "connected").get();
  await Promise.all(connected.docs.map((doc) => doc.ref.withConverter(null).update({ status: "disconnected" })));
}
