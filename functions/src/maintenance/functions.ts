import { logger } from "firebase-functions";
import { onSchedule } from "firebase-functions/scheduler";
import { cleanup } from "./cleanup";

/** Hourly rather than daily: it also fails stale sync runs, and counts should not stay stuck for a day. */
export const cleanupSchedule = onSchedule({ schedule: "every 60 minutes", timeZone: "Etc/UTC", retryCount: 1 }, async () => {
  logger.info("cleanup", await cleanup(new Date()));
});
