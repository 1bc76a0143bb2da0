/**
 * Sidebar account item: "Sign in" when signed out, else who is signed in and a sign-out
 * button; offline, who was signed in at the last good session, with a note that account
 * actions need a network. Mounting it starts the one silent refresh of an app start.
 */
import { A, useNavigate } from "@solidjs/router";
import { onMount, Show } from "solid-js";
import { toast } from "../../ui/toasts.tsx";
import { isOnline } from "./online.ts";
import { currentUser, offlineSessionUser, restoreSession, sessionStatus, signOut } from "./session.ts";

export function AccountBadge() {
  const navigate = useNavigate();
  onMount(() => void restoreSession());
  const out = async () => {
    await signOut();
    toast("Signed out.", "info");
    navigate("/login");
  };
  return (
    <div class="account-badge" data-testid="account-badge">
      <Show
        when={currentUser()}
        fallback={
          <Show when={sessionStatus() !== "unknown"} fallback={<span class="muted">Account…</span>}>
            <Show when={offlineSessionUser()} fallback={<A href="/login">Sign in</A>}>
              {(u) => (
                <span class="account-offline" data-testid="account-offline">
                  <span class="account-name" title={u().email}>
                    {u().displayName || u().email}
                  </span>
                  <small class="muted">
                    {isOnline() ? "server not reachable" : "offline"}: account actions need a network
                  </small>
                </span>
              )}
            </Show>
          </Show>
        }
      >
        {(u) => (
          <>
            <A
              href="/security"
              title={u().email}
              class="account-name"
              style={{ overflow: "hidden", "text-overflow": "ellipsis", "white-space": "nowrap" }}
            >
              {u().displayName || u().email}
            </A>
            <button type="button" class="ghost" onClick={out}>
              Sign out
            </button>
          </>
        )}
      </Show>
    </div>
  );
}
