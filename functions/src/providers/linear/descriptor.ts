import type { ProviderDescriptor } from "../descriptor";

export const linearDescriptor: ProviderDescriptor = {
  id: "linear",
  displayName: "Linear",
  shortName: "Linear",
  personalToken: { label: "personal API key", workspace: null },
  pastedWebhookSecret: false,
};
