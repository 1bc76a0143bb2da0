/**
 * The signed-in user as a Solid store fed by the API client's auth events. The access
 * token itself stays inside the API client (memory only); this module only knows who is
 * signed in. restoreSession() runs one silent refresh per app start (the refresh cookie
 * is HttpOnly, so the only way to know whether a session exists is to ask the server),
 * but only when this browser had a session (a hint in localStorage, see session-hint.ts):
 * a visitor who never signed in causes no 401. Offline, the hint says who is signed in.
 */
import { createSignal } from "solid-js";
import {
  type AuthUser,
  api,
  clearSession,
  getSessionUser,
  onAuthEvent,
  refreshSession,
} from "../../adapters/api-client.ts";
import { readSessionHint, type SessionHint, writeSessionHint } from "./session-hint.ts";

export type SessionStatus = "unknown" | "signed-in" | "signed-out";

// Start from what the API client already knows (it may have refreshed before this loaded).
const [user, setUser] = createSignal<AuthUser | null>(getSessionUser());
const [status, setStatus] = createSignal<SessionStatus>(getSessionUser() ? "signed-in" : "unknown");

/** Reactive: the signed-in user, or null. */
export const currentUser = user;
/** Reactive: "unknown" until the first silent refresh has answered (or failed offline). */
export const sessionStatus = status;

// Who the last good session was, while the server cannot be asked (offline at start).
const [offlineUser, setOfflineUser] = createSignal<SessionHint | null>(null);
/** Reactive: the user of the last good session while offline (no token: display only), or null. */
export const offlineSessionUser = offlineUser;

const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("fx-auth");

onAuthEvent((event) => {
  setOfflineUser(null);
  if (event.type === "tokens") {
    setLogoutPending(false);
    writeSessionHint(event.tokens.user);
    setUser(event.tokens.user);
    setStatus("signed-in");
  } else {
    writeSessionHint(null);
    setUser(null);
    setStatus("signed-out");
  }
});

// Another tab signed out: forget our access token too (its refresh cookie is gone).
channel?.addEventListener("message", (e: MessageEvent) => {
  if (e.data === "signed-out" && status() === "signed-in") clearSession();
});

let restoring: Promise<void> | null = null;

// A sign-out made offline could not reach the server, and the HttpOnly refresh cookie
// cannot be deleted from script: remember (a flag, no secret) to finish it once online.
const LOGOUT_PENDING = "fx-logout-pending";

function logoutPending(): boolean {
  try {
    return localStorage.getItem(LOGOUT_PENDING) === "1";
  } catch {
    return false;
  }
}

function setLogoutPending(pending: boolean): void {
  try {
    if (pending) localStorage.setItem(LOGOUT_PENDING, "1");
    else localStorage.removeItem(LOGOUT_PENDING);
  } catch {
    // Storage unavailable (private mode): nothing to remember.
  }
}

/** False only when storage works and holds no hint: nobody signed in on this browser. */
function mayHaveSession(): boolean {
  try {
    localStorage.getItem("fx-probe");
  } catch {
    return true;
  }
  return readSessionHint() !== null;
}

async function restoreOnce(): Promise<void> {
  if (logoutPending()) {
    await api.logout();
    setLogoutPending(false);
    return;
  }
  if (!mayHaveSession()) {
    if (status() === "unknown") setStatus("signed-out");
    return;
  }
  await refreshSession();
}

/** Restores the session once per page load; later calls share the first result. */
export function restoreSession(): Promise<void> {
  if (!restoring) {
    restoring = restoreOnce()
      .then(() => undefined)
      .catch(() => {
        // Offline or server trouble: local features keep working; retry when back online.
        // Keep showing who was signed in (display only: no token is kept anywhere).
        if (status() === "unknown") {
          setOfflineUser(readSessionHint());
          setStatus("signed-out");
        }
        restoring = null;
      });
  }
  return restoring;
}

if (typeof window !== "undefined") {
  window.addEventListener("online", () => {
    if (status() !== "signed-in") void restoreSession();
  });
}

/** Updates the user shown (after a profile change or enabling 2FA). */
export function patchUser(patch: Partial<AuthUser>): void {
  const u = user();
  if (u) setUser({ ...u, ...patch });
}

/** Signs out on the server (best effort) and everywhere in this browser. */
export async function signOut(): Promise<void> {
  try {
    await api.logout();
    setLogoutPending(false);
  } catch {
    // Offline: forgotten here now; the server session is ended on the next start online.
    setLogoutPending(true);
  }
  writeSessionHint(null);
  setOfflineUser(null);
  channel?.postMessage("signed-out");
}
