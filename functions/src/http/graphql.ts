import { z } from "zod";
import { ValidationError } from "../domain/validation-error";
import { DEFAULT_RATE_LIMIT_WAIT_MS, type HttpClient } from "./client";
import {
  BadRequestError,
  ForbiddenError,
  InvalidResponseError,
  RateLimitedError,
  UnauthorizedError,
  type HttpErrorDetails,
  type ProviderHttpError,
} from "./errors";
import { providerMessageOf } from "./provider-message";

export interface GraphqlRequest<S extends z.ZodType> {
  /** The endpoint, relative to the client's baseUrl (Linear: "/graphql"). */
  path: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Validates `data` (not the whole envelope). */
  schema: S;
  /** Names the call in errors, e.g. "graphql issues"; defaults to the path. */
  operation?: string;
  /** Whether a retry is harmless; default: true for a query, false for a mutation. */
  idempotent?: boolean;
}

/** Fields of a GraphQL error that classify it; anything odd in them counts as absent, not as a bad body. */
const graphqlError = z.object({
  message: z.string().optional().catch(undefined),
  extensions: z
    .object({
      code: z.string().optional().catch(undefined),
      type: z.string().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

const envelope = z
  .object({
    data: z.unknown().optional(),
    errors: z.array(graphqlError).optional(),
  })
  .loose();

type GraphqlError = z.infer<typeof graphqlError>;

/**
 * POSTs {query, variables} and returns the validated `data`. GraphQL reports failures in
 * `errors[]`, with HTTP 200 as often as 400 (Linear's RATELIMITED among them), so the errors are
 * read whatever the status and mapped to the same taxonomy as REST failures.
 */
export async function graphqlRequest<S extends z.ZodType>(client: HttpClient, req: GraphqlRequest<S>): Promise<z.infer<S>> {
  try {
    return await graphqlAttempt(client, req);
  } catch (error) {
    // An authentication error on HTTP 200/400 never reached the client's own 401 path: refresh once here.
    if (error instanceof UnauthorizedError && error.status !== 401 && (await client.reauthorize())) return graphqlAttempt(client, req);
    throw error;
  }
}

async function graphqlAttempt<S extends z.ZodType>(client: HttpClient, req: GraphqlRequest<S>): Promise<z.infer<S>> {
  const operation = client.operationOf("POST", req.path, req.operation);
  const res = await client.request({
    method: "POST",
    path: req.path,
    json: { query: req.query, variables: req.variables ?? {} },
    schema: envelope,
    operation: req.operation,
    idempotent: req.idempotent ?? !isMutation(req.query),
    acceptStatuses: [400],
  });
  const details = (message: string | null): HttpErrorDetails => ({
    provider: client.provider,
    operation,
    status: res.status,
    providerMessage: client.sanitize(message),
  });

  const errors = res.data.errors ?? [];
  if (errors.length > 0) {
    if (errors.some(isRateLimited)) {
      // Capped like any provider wait: a RATELIMITED error cannot park the credential for longer than MAX_PROVIDER_WAIT_MS.
      const wait = client.waitFromHeaders(res.headers, operation);
      const resetAt = new Date(client.now() + (wait?.ms ?? DEFAULT_RATE_LIMIT_WAIT_MS));
      await client.recordRateLimited(resetAt);
      throw new RateLimitedError({ ...details(errors.find(isRateLimited)?.message ?? null), resetAt, requestedWaitMs: wait?.requestedMs ?? null });
    }
    throw classify(errors, details);
  }
  if (res.status === 400) throw new BadRequestError(details(providerMessageOf(res.data)));

  const parsed = req.schema.safeParse(res.data.data ?? null);
  if (!parsed.success) {
    const problem = ValidationError.fromZod(operation, parsed.error);
    const named = problem.problems.slice(0, 3).map((p) => `data.${p.field || "(root)"}: ${p.message}`);
    throw new InvalidResponseError({ ...details(named.join("; ")), cause: problem });
  }
  return parsed.data;
}

function isRateLimited(error: GraphqlError): boolean {
  return error.extensions?.code?.toUpperCase() === "RATELIMITED" || error.extensions?.type?.toLowerCase() === "ratelimited";
}

/** Authentication first (the caller refreshes), then permission, else the first message as a bad request. */
function classify(errors: GraphqlError[], details: (message: string | null) => HttpErrorDetails): ProviderHttpError {
  const unauthorized = errors.find(
    (e) => e.extensions?.code?.toUpperCase() === "AUTHENTICATION_ERROR" || e.extensions?.type?.toLowerCase() === "authentication error",
  );
  if (unauthorized) return new UnauthorizedError(details(unauthorized.message ?? null));
  const forbidden = errors.find((e) => e.extensions?.code?.toUpperCase() === "FORBIDDEN" || e.extensions?.type?.toLowerCase() === "forbidden");
  if (forbidden) return new ForbiddenError(details(forbidden.message ?? null));
  return new BadRequestError(details(errors[0]?.message ?? null));
}

/** Whether a document's (first) operation is a mutation; comments and whitespace before it are skipped. */
export function isMutation(document: string): boolean {
  return /^mutation\b/.test(document.replace(/#[^\n]*/g, "").trimStart());
}
