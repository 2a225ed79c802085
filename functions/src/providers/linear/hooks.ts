import { z } from "zod";
import { InvalidResponseError } from "../../http/errors";
import { graphqlRequest } from "../../http/graphql";
import type { WebhookRegistration } from "../provider";
import { GRAPHQL_PATH, isEntityNotFound } from "./api";

export const WEBHOOK_CREATE_MUTATION = `mutation WebhookCreate($input: WebhookCreateInput!) {
  webhookCreate(input: $input) { success webhook { id } }
}`;

export const WEBHOOK_DELETE_MUTATION = `mutation WebhookDelete($id: String!) {
  webhookDelete(id: $id) { success }
}`;

const WebhookCreateDataSchema = z.object({
  webhookCreate: z.object({ success: z.boolean(), webhook: z.object({ id: z.string().min(1) }).nullable() }),
});
const WebhookDeleteDataSchema = z.object({ webhookDelete: z.object({ success: z.boolean() }) });

/** The entity types the applier reads (webhook.ts ignores the rest). */
const RESOURCE_TYPES = ["Issue", "Comment"];

/**
 * One webhook per team (LN-schema `webhookCreate`; needs a workspace admin or the `admin` OAuth
 * scope), signed with a secret we choose and pass in.
 */
export const linearWebhookRegistration: WebhookRegistration = {
  scopes(_session, projects) {
    return [...new Set(projects.map((project) => project.externalId))];
  },

  async create(session, scope, target) {
    const operation = "graphql webhookCreate";
    const data = await graphqlRequest(session.http, {
      path: GRAPHQL_PATH,
      query: WEBHOOK_CREATE_MUTATION,
      variables: { input: { url: target.url, teamId: scope, resourceTypes: RESOURCE_TYPES, secret: target.secret, label: "taskbridge" } },
      schema: WebhookCreateDataSchema,
      operation,
    });
    if (!data.webhookCreate.success || data.webhookCreate.webhook === null) {
      throw new InvalidResponseError({ provider: "linear", operation, status: 200, providerMessage: "webhookCreate was not successful" });
    }
    return { id: data.webhookCreate.webhook.id, scope, secret: target.secret };
  },

  async remove(session, webhook) {
    const operation = "graphql webhookDelete";
    try {
      const data = await graphqlRequest(session.http, {
        path: GRAPHQL_PATH,
        query: WEBHOOK_DELETE_MUTATION,
        variables: { id: webhook.id },
        schema: WebhookDeleteDataSchema,
        operation,
      });
      if (!data.webhookDelete.success) {
        throw new InvalidResponseError({ provider: "linear", operation, status: 200, providerMessage: "webhookDelete was not successful" });
      }
    } catch (error) {
      if (!isEntityNotFound(error)) throw error;
    }
  },
};
