import type { ProviderDescriptor } from "../descriptor";

export const clickupDescriptor: ProviderDescriptor = {
  id: "clickup",
  displayName: "ClickUp",
  shortName: "ClickUp",
  personalToken: { label: "personal API token (pk_…)", workspace: null },
  pastedWebhookSecret: false,
};
