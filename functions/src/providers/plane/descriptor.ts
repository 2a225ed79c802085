import type { ProviderDescriptor } from "../descriptor";

export const planeDescriptor: ProviderDescriptor = {
  id: "plane",
  displayName: "Plane",
  shortName: "Plane",
  personalToken: { label: "API key (plane_api_…) with its workspace slug", workspace: "workspace slug" },
  // Plane has no public API for webhooks: the user creates one in Plane and pastes its secret.
  pastedWebhookSecret: true,
};
