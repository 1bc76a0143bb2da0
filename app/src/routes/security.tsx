import { EmptyState } from "../ui/empty-state.tsx";

export function SecurityPage() {
  return (
    <EmptyState title="Security">
      <p>Your account: two-factor authentication, recovery codes, active sessions and password.</p>
    </EmptyState>
  );
}
