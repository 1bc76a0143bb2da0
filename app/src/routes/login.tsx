/* Sign-in page (with the 2FA step); continues to ?next= after signing in. */
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import { LoginForm } from "../features/auth/login-form.tsx";
import { safeNext } from "../features/auth/next-path.ts";
import { currentUser } from "../features/auth/session.ts";
import { toast } from "../ui/toasts.tsx";

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const done = () => {
    toast(`Signed in as ${currentUser()?.email ?? "you"}.`, "success");
    navigate(safeNext(params.next), { replace: true });
  };
  return (
    <section class="page">
      <h1>Sign in</h1>
      <Show when={currentUser()} fallback={<LoginForm onSignedIn={done} />}>
        {(u) => (
          <p>
            You are signed in as <strong>{u().email}</strong>. <A href="/security">Security</A> ·{" "}
            <A href="/settings">Settings</A>
          </p>
        )}
      </Show>
    </section>
  );
}
