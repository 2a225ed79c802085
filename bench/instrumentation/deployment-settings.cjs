/**
 * Preloaded (NODE_OPTIONS=--require) into every Node process of a bench run; acts only in the
 * emulated functions' runtime workers (FUNCTION_TARGET set).
 *
 * Why: the emulator loads functions/.env.demo-taskbridge after the process environment, and that
 * file shortens WEBHOOK_TARGET_CACHE_SECONDS to 5 so the emulator tests of a rotated secret wait
 * seconds. The bench measures what a deployment runs, so the workers drop that test setting
 * and the code's own default (30 s, store/webhook-target-cache.ts) applies, as when it is unset.
 */
"use strict";
if (process.env.FUNCTION_TARGET) delete process.env.WEBHOOK_TARGET_CACHE_SECONDS;
