import { EmptyState } from "../ui/empty-state.tsx";

export function SettingsPage() {
  return (
    <EmptyState title="Settings">
      <p>
        Account currency, default risk, costs per pair and notifications, synced with your account when signed
        in.
      </p>
    </EmptyState>
  );
}
