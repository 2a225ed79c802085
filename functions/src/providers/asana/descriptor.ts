import type { ProviderDescriptor } from "../descriptor";

export const asanaDescriptor: ProviderDescriptor = {
  id: "asana",
  displayName: "Asana",
  shortName: "Asana",
  personalToken: { label: "personal access token", workspace: null },
  pastedWebhookSecret: false,
};
