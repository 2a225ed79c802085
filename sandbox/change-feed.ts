import { FUNCTIONS_URL, postDelivery } from "@taskbridge/simulators";
import type { DemoIntegration } from "./seed-demo";

export interface Change {
  provider: string;
  integrationId: string;
  externalId: string;
  title: string;
  /** The webhooks function's answer. */
  status: number;
  answer: string;
}

/**
 * Keeps the sandbox's providers alive: each step renames one task in the next simulator (as an
 * edit in that provider would, moving its updated time) and POSTs that provider's signed webhook
 * for it to the emulated `webhooks` function, signed with the secret the integration was
 * connected with.
 */
export class ChangeFeed {
  private next = 0;

  constructor(
    private readonly integrations: DemoIntegration[],
    private readonly webhooksUrl = `${FUNCTIONS_URL}/webhooks`,
  ) {}

  /** Changes one task of the next integration in turn (`index`: which task; default a random one). */
  async step(index?: number): Promise<Change> {
    const integration = this.integrations[this.next % this.integrations.length]!;
    this.next += 1;
    return this.change(integration, index);
  }

  async change(integration: DemoIntegration, index?: number): Promise<Change> {
    const { provider, integrationId, providerCase } = integration;
    const count = providerCase.externalIds().length;
    const at = new Date().toISOString().slice(11, 19);
    const title = `Changed in the ${provider} simulator at ${at} UTC`;
    const externalId = providerCase.edit(title, index ?? Math.floor(Math.random() * count));
    const delivery = providerCase.webhookFor(externalId, integration.webhookSecret);
    const res = await postDelivery(`${this.webhooksUrl}/${provider}/${integrationId}`, delivery);
    return { provider, integrationId, externalId, title, status: res.status, answer: res.text };
  }
}
