import type { ProviderDescriptor } from "../descriptor";

export const githubDescriptor: ProviderDescriptor = {
  id: "github",
  displayName: "GitHub Issues",
  shortName: "GitHub",
  personalToken: { label: "personal access token (classic with repo scope, or fine-grained with Issues read/write)", workspace: null },
  pastedWebhookSecret: false,
};
