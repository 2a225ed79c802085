import { PROVIDER_DESCRIPTORS, type ProviderId } from "@taskbridge/client";

/** Each provider's short name ("GitHub"), from its descriptor. */
export const PROVIDER_NAMES: Record<ProviderId, string> = Object.fromEntries(
  Object.values(PROVIDER_DESCRIPTORS).map((descriptor) => [descriptor.id, descriptor.shortName]),
) as Record<ProviderId, string>;

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
