import type { ProviderId } from "../domain/provider-id";
import { asanaDescriptor } from "./asana/descriptor";
import { clickupDescriptor } from "./clickup/descriptor";
import { githubDescriptor } from "./github/descriptor";
import type { ProviderDescriptor } from "./descriptor";
import { linearDescriptor } from "./linear/descriptor";
import { planeDescriptor } from "./plane/descriptor";

/**
 * Every provider's descriptor, by id: what registry.ts's providers are built from, listed apart
 * from them so a browser bundle can import it without the providers' HTTP code.
 */
export const PROVIDER_DESCRIPTORS: Readonly<Record<ProviderId, ProviderDescriptor>> = {
  clickup: clickupDescriptor,
  github: githubDescriptor,
  plane: planeDescriptor,
  asana: asanaDescriptor,
  linear: linearDescriptor,
};
