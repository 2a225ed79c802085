import type { ProviderId } from "../domain/provider-id";
import { asanaProvider } from "./asana";
import { clickupProvider } from "./clickup";
import { githubProvider } from "./github";
import { linearProvider } from "./linear";
import { planeProvider } from "./plane";
import type { Provider } from "./provider";

/** Every provider, by id. The only place that names them; everything else asks this map. */
export const PROVIDERS: Readonly<Record<ProviderId, Provider>> = {
  clickup: clickupProvider,
  github: githubProvider,
  plane: planeProvider,
  asana: asanaProvider,
  linear: linearProvider,
};

export function providerFor(id: ProviderId): Provider {
  return PROVIDERS[id];
}
