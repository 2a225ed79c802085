import { ForbiddenError, NotFoundError } from "../../http/errors";
import type { HttpClient } from "../../http/client";
import { projectPath, type ProjectLocator } from "./refs";
import { PlaneEstimatePointsSchema, PlaneEstimateSchema } from "./schemas";

const NO_POINTS: ReadonlyMap<string, number | null> = new Map();

/**
 * Estimate point id → story points for one project. A work item only names its point's id; the
 * value lives in the project's estimate. Only "points" estimates count (categories such as
 * t-shirt sizes are not numbers). Estimates are an enrichment: a project without one, or a token
 * not allowed to read it (the OAuth scope list has no estimates scope), gives no points rather
 * than failing the sync.
 */
export async function loadEstimatePoints(http: HttpClient, project: ProjectLocator): Promise<ReadonlyMap<string, number | null>> {
  try {
    const estimate = await http.request({
      method: "GET",
      path: `${projectPath(project)}/estimates/`,
      operation: "/api/v1/workspaces/{slug}/projects/{project_id}/estimates/",
      schema: PlaneEstimateSchema.nullable(),
    });
    if (!estimate.data?.id || estimate.data.type !== "points") return NO_POINTS;
    const points = await http.request({
      method: "GET",
      path: `${projectPath(project)}/estimates/${encodeURIComponent(estimate.data.id)}/estimate-points/`,
      operation: "/api/v1/workspaces/{slug}/projects/{project_id}/estimates/{estimate_id}/estimate-points/",
      schema: PlaneEstimatePointsSchema,
    });
    return new Map(points.data.map((point) => [point.id, pointsOf(point.value)]));
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return NO_POINTS;
    throw error;
  }
}

/** Plane stores a point's value as text ("1", "2", "0.5"). */
function pointsOf(value: string): number | null {
  const points = Number(value);
  return value.trim() !== "" && Number.isFinite(points) && points >= 0 ? points : null;
}

/** Loads a project's points at most once, and only when an item actually has an estimate. */
export class EstimatePoints {
  private loaded: Promise<ReadonlyMap<string, number | null>> | null = null;

  constructor(
    private readonly http: HttpClient,
    private readonly project: ProjectLocator,
  ) {}

  async for(items: Array<{ estimate_point?: string | null | undefined }>): Promise<ReadonlyMap<string, number | null>> {
    if (!items.some((item) => item.estimate_point)) return this.loaded ? this.loaded : NO_POINTS;
    this.loaded ??= loadEstimatePoints(this.http, this.project);
    return this.loaded;
  }
}
