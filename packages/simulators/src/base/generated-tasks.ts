import type { SeededRandom } from "./seeded-random";

/**
 * Provider-neutral task content every simulator draws its dataset from, so the five datasets
 * look alike (titles, progress, dates, labels) and each simulator only maps it to its own shape.
 */
export type GeneratedProgress = "todo" | "in_progress" | "done" | "cancelled";

export interface GeneratedTask {
  title: string;
  description: string | null;
  progress: GeneratedProgress;
  /** 0 none, 1 urgent, 2 high, 3 medium, 4 low (Linear's scale; others map from it). */
  priority: 0 | 1 | 2 | 3 | 4;
  labels: string[];
  /** Index into the simulator's users, or null when unassigned. */
  assignee: number | null;
  createdAt: Date;
  updatedAt: Date;
  /** Set for done tasks: between created and updated. */
  completedAt: Date | null;
  /** A calendar day, YYYY-MM-DD. */
  dueOn: string | null;
  estimate: number | null;
}

export interface DatasetOptions {
  /** Same seed, same data. Default 1. */
  seed?: number | string;
  /** The first task's creation time; later tasks follow a minute apart. Default 2025-01-01T00:00:00Z. */
  start?: Date;
}

export const DEFAULT_DATASET_START = new Date("2025-01-01T00:00:00.000Z");

const VERBS = ["Fix", "Add", "Refactor", "Document", "Review", "Ship", "Investigate", "Remove"];
const OBJECTS = ["login flow", "billing page", "sync worker", "search index", "audit log", "export", "onboarding", "rate limiter"];
const LABELS = ["bug", "feature", "chore", "design", "backend", "frontend"];
const PROGRESS: GeneratedProgress[] = ["todo", "todo", "in_progress", "done", "done", "cancelled"];
const MINUTE = 60_000;

/**
 * `count` tasks from `random`, created one minute apart from `start` (so creation order is
 * strict), each updated some hours after it was created.
 */
export function generateTasks(random: SeededRandom, count: number, start: Date, userCount: number): GeneratedTask[] {
  const tasks: GeneratedTask[] = [];
  for (let i = 0; i < count; i += 1) {
    const createdAt = new Date(start.getTime() + i * MINUTE);
    const updatedAt = new Date(createdAt.getTime() + random.int(1, 72 * 60) * MINUTE);
    const progress = random.pick(PROGRESS);
    const due = random.chance(0.4) ? new Date(createdAt.getTime() + random.int(1, 60) * 24 * 60 * MINUTE) : null;
    tasks.push({
      title: `${random.pick(VERBS)} ${random.pick(OBJECTS)} #${i + 1}`,
      description: random.chance(0.7) ? `Generated task ${i + 1}: ${random.pick(OBJECTS)} needs attention.` : null,
      progress,
      priority: random.int(0, 4) as GeneratedTask["priority"],
      labels: random.some(LABELS, 2),
      assignee: userCount > 0 && random.chance(0.75) ? random.int(0, userCount - 1) : null,
      createdAt,
      updatedAt,
      completedAt: progress === "done" ? new Date((createdAt.getTime() + updatedAt.getTime()) / 2) : null,
      dueOn: due ? due.toISOString().slice(0, 10) : null,
      estimate: random.chance(0.5) ? random.pick([1, 2, 3, 5, 8]) : null,
    });
  }
  return tasks;
}
