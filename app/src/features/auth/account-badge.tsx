/**
 * Sidebar account item: "Sign in" when signed out, else who is signed in and a sign-out
 * button. Mounting it starts the one silent refresh that restores a session on app start.
 */
import { A, useNavigate } from "@solidjs/router";
import { onMount, Show } from "solid-js";
import { toast } from "../../ui/toasts.tsx";
import { currentUser, restoreSession, sessionStatus, signOut } from "./session.ts";

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
            <A href="/login">Sign in</A>
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
