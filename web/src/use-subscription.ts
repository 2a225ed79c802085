import { useEffect, useState } from "react";
import type { Unsubscribe } from "firebase/firestore";
import type { Listener } from "@taskbridge/client";

export interface Live<T> {
  value: T | undefined;
  error: string | null;
}

/** Runs one of the client's subscribe helpers for as long as the component shows it (and `key` holds). */
export function useSubscription<T>(subscribe: (listener: Listener<T>) => Unsubscribe, key: string): Live<T> {
  const [state, setState] = useState<Live<T>>({ value: undefined, error: null });
  useEffect(() => {
    setState({ value: undefined, error: null });
    return subscribe({
      next: (value) => setState({ value, error: null }),
      error: (error) => setState({ value: undefined, error: describeError(error) }),
      // A document the console cannot read is left out; say so in the console, not in the UI.
      // eslint-disable-next-line no-console
      invalid: (error) => console.warn(error.message),
    });
    // `key` names everything `subscribe` depends on, so a new closure alone does not resubscribe.
  }, [key]);
  return state;
}

/** What a user can act on: permission problems in words, otherwise the backend's own message. */
export function describeError(error: unknown): string {
  const code = (error as { code?: string }).code ?? "";
  if (code.endsWith("permission-denied")) return "You are not a member of this org, or your session ended.";
  return error instanceof Error ? error.message : String(error);
}
