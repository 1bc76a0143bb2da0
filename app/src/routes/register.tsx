/* Account creation page; signs in right away and continues to the Security page. */
import { useNavigate } from "@solidjs/router";
import { RegisterForm } from "../features/auth/register-form.tsx";
import { toast } from "../ui/toasts.tsx";

export function RegisterPage() {
  const navigate = useNavigate();
  const done = () => {
    toast("Account created — you are signed in. Consider turning on two-factor authentication.", "success");
    navigate("/security", { replace: true });
  };
  return (
    <section class="page">
      <h1>Create account</h1>
      <p class="muted">
        An account syncs your settings and, later, connects your broker. Everything local works without one.
      </p>
      <RegisterForm onRegistered={done} />
    </section>
  );
}
