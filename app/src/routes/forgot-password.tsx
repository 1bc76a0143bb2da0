/* Forgot-password page: requests a reset link by email. */
import { ForgotPasswordForm } from "../features/auth/password-reset-forms.tsx";

export function ForgotPasswordPage() {
  return (
    <section class="page">
      <h1>Forgot password</h1>
      <ForgotPasswordForm />
    </section>
  );
}
