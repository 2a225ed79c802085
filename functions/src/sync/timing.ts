/** The time budgets of the pipeline, in one place because they depend on each other. */
import { MAX_PROVIDER_WAIT_MS } from "../http/rate-limit";

/** syncProject's timeoutSeconds. */
export const WORKER_TIMEOUT_SECONDS = 540;
/** The worker stops paging and continues in a new task once this much of its time is used. */
export const WORKER_BUDGET_MS = (WORKER_TIMEOUT_SECONDS - 90) * 1000;
/** A pending run whose task has not started by then is failed by cleanup. */
export const RUN_START_DEADLINE_MS = 2 * 60 * 60 * 1000;
/** A running run is given this long past its last saved page (or its scheduled continuation) before cleanup fails it. */
export const RUN_PROGRESS_DEADLINE_MS = (WORKER_TIMEOUT_SECONDS + 60) * 1000 * 6;
/**
 * The furthest ahead a live run's deadline can be: a pending run's start deadline, or a
 * continuation's (a rate-limit wait, at most MAX_PROVIDER_WAIT_MS, plus the progress deadline).
 * A run whose deadline is further ahead waits for something no provider may ask (a Retry-After
 * from before the cap): cleanup fails it rather than let it hold the org's counts until then.
 */
export const RUN_DEADLINE_HORIZON_MS = Math.max(RUN_START_DEADLINE_MS, MAX_PROVIDER_WAIT_MS + RUN_PROGRESS_DEADLINE_MS);
/** Incremental passes re-read this much before the watermark. */
export const WATERMARK_OVERLAP_MS = 60 * 1000;
/** reconcile asks for a full pass when the last one is older than this. */
export const FULL_SYNC_INTERVAL_MS = 24 * 60 * 60 * 1000;
