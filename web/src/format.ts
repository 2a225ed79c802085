import type { ProviderId } from "@taskbridge/client";

export const PROVIDER_NAMES: Record<ProviderId, string> = { clickup: "ClickUp", github: "GitHub", plane: "Plane", asana: "Asana", linear: "Linear" };

export function formatDate(date: Date | null | undefined): string {
  return date ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "—";
}

export function formatDay(date: Date | null | undefined): string {
  return date ? date.toLocaleDateString(undefined, { dateStyle: "medium" }) : "—";
}

/** 95 → "1h 35m"; null → "—". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return "—";
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  return hours > 0 ? `${hours}h${rest ? ` ${rest}m` : ""}` : `${rest}m`;
}
