/* Security page: two-factor authentication, active sessions, password, sign out. */
import { useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { ApiTokensPanel } from "../features/auth/api-tokens-panel.tsx";
import { isOnline } from "../features/auth/online.ts";
import { PasswordChangeForm } from "../features/auth/password-change-form.tsx";
import { currentUser, signOut } from "../features/auth/session.ts";
import { SessionsPanel } from "../features/auth/sessions-panel.tsx";
import { SignedInOnly } from "../features/auth/signed-in-only.tsx";
import { TwoFactorPanel } from "../features/auth/two-factor-panel.tsx";
import { toast } from "../ui/toasts.tsx";

export function SecurityPage() {
  const navigate = useNavigate();
  const out = async () => {
    await signOut();
    toast("Signed out.", "info");
    navigate("/login");
  };
  return (
    <section class="page">
      <h1>Security</h1>
      <SignedInOnly what="Managing two-factor authentication, sessions and your password">
        <div class="row" style={{ "margin-bottom": "1rem", "align-items": "center" }}>
          <span>
            Signed in as <strong data-testid="signed-in-email">{currentUser()?.email}</strong>
          </span>
          <button type="button" class="ghost" onClick={() => void out()}>
            Sign out
          </button>
        </div>
        <Show when={!isOnline()}>
          <p class="muted">You are offline: account actions need a network connection.</p>
        </Show>
        <div style={{ display: "grid", gap: "1rem", "max-width": "760px" }}>
          <TwoFactorPanel />
          <SessionsPanel />
          <PasswordChangeForm />
          <ApiTokensPanel />
        </div>
      </SignedInOnly>
    </section>
  );
}
