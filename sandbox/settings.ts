import type { ProviderId } from "../functions/src/domain/provider-id";

/** What `npm start` seeds and where it serves, each overridable from the environment. */
function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${raw}`);
  return value;
}

export const sandboxSettings = {
  /** Tasks per project in every simulator (GitHub: in its one repository). */
  tasksPerProject: numberFrom("SANDBOX_TASKS_PER_PROJECT", 50),
  /** Same seed, same datasets on every run. */
  seed: numberFrom("SANDBOX_SEED", 20),
  /** How often the next simulator changes a task and sends its webhook. */
  changeEverySeconds: numberFrom("SANDBOX_CHANGE_EVERY_SECONDS", 5),
  /** The demo member: a local Auth emulator account, so its password is no secret. */
  email: process.env.SANDBOX_EMAIL || "demo@taskbridge.test",
  password: process.env.SANDBOX_PASSWORD || "taskbridge-demo",
  orgId: "demo-org",
  orgName: "Demo org (sandbox)",
};

/** Fixed simulator ports, next to the OAuth simulator's 9790, so the printed URLs stay the same. */
export const SIMULATOR_PORTS: Record<ProviderId, number> = { github: 9801, clickup: 9802, plane: 9803, asana: 9804, linear: 9805 };
