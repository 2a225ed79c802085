import type { Request } from "firebase-functions/https";
import type { Response } from "express";
import { handleOAuthCallback } from "./callback";
import { handleOAuthStart } from "./start";

/** The `oauth` function's two steps: `…/{provider}/start` (the app's form) and `…/{provider}/callback` (the provider's redirect). */
export async function handleOAuthRequest(req: Request, res: Response): Promise<void> {
  if (/\/start\/?$/.test(req.path)) return handleOAuthStart(req, res);
  return handleOAuthCallback(req, res);
}
