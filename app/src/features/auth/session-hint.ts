/**
 * A hint, kept in localStorage, that this browser had a session and whose it was: the
 * email and display name only, never a token. It lets the app skip the start-up refresh
 * (and its 401) when nobody signed in, and keep showing who is signed in while offline.
 */
import type { AuthUser } from "../../adapters/api-client.ts";

const KEY = "fx-session-hint";

/** Who was signed in at the last good session. */
export interface SessionHint {
  email: string;
  displayName?: string | null;
}

export function readSessionHint(): SessionHint | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<SessionHint>;
    return typeof v.email === "string" ? { email: v.email, displayName: v.displayName ?? null } : null;
  } catch {
    return null;
  }
}

/** Remembers the user (email and name only) or forgets the hint (null). */
export function writeSessionHint(user: AuthUser | null): void {
  try {
    if (user)
      localStorage.setItem(KEY, JSON.stringify({ email: user.email, displayName: user.displayName ?? null }));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage unavailable (private mode): the app then asks the server on every start.
  }
}
