/*
 * @taskbridge/simulators: the world outside the backend, for tests, the bench and the sandbox
 * (README.md). One folder per provider on one base (base/provider-simulator.ts).
 */
export * from "./base/generated-tasks";
export * from "./base/loopback-server";
export * from "./base/pages";
export * from "./base/provider-simulator";
export * from "./base/rate-window";
export * from "./base/seeded-random";
export * from "./base/signed-delivery";
export * from "./asana/asana-data";
export * from "./asana/asana-opt-fields";
export * from "./asana/asana-simulator";
export * from "./asana/asana-webhooks";
export * from "./asana/asana-webhooks-simulator";
export * from "./clickup/clickup-data";
export * from "./clickup/clickup-simulator";
export * from "./clickup/clickup-webhooks";
export * from "./github/github-documented";
export * from "./github/github-quota";
export * from "./github/github-simulator";
export * from "./github/github-webhooks";
export * from "./github/octokit";
export * from "./linear/graphql-selection";
export * from "./linear/linear-data";
export * from "./linear/linear-graphql";
export * from "./linear/linear-simulator";
export * from "./linear/linear-webhooks";
export * from "./plane/plane-data";
export * from "./plane/plane-simulator";
export * from "./plane/plane-webhooks";
export * from "./plane/python-json";
export * from "./oauth/oauth-simulator";
export * from "./provider-cases";
export * from "./app-client";
export * from "./fixtures";
export * from "./clock";
export { default as GITHUB_OPENAPI_SUBSET } from "./github/github-openapi-subset.json";
