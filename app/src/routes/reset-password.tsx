/**
 * Reset-password page opened from the emailed link (/reset-password?token=...). The token
 * is taken from the address once and then removed from it (no history or Referer copy).
 */
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { onMount, Show } from "solid-js";
import { ResetPasswordForm } from "../features/auth/password-reset-forms.tsx";
import { toast } from "../ui/toasts.tsx";

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const raw = params.token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  onMount(() => {
    if (token) history.replaceState(history.state, "", "/reset-password");
  });
  const done = () => {
    toast("Password changed. Sign in with your new password.", "success");
    navigate("/login", { replace: true });
  };
  return (
    <section class="page">
      <h1>Choose a new password</h1>
      <Show
        when={token}
        fallback={
          <p>
            This page needs the link from the reset email. <A href="/forgot-password">Request a link</A>
          </p>
        }
      >
        <ResetPasswordForm token={token} onDone={done} />
      </Show>
    </section>
  );
}
