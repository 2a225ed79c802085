// What an app shows of each provider and what connecting it asks for (display names, the personal
// token's label, a workspace to name, a webhook secret to paste): the backend's own provider
// descriptors, which depend on nothing, so no provider HTTP code reaches a browser bundle.
export { PROVIDER_DESCRIPTORS } from "../../../functions/src/providers/descriptors";
export type { PersonalTokenSpec, ProviderDescriptor } from "../../../functions/src/providers/descriptor";
