import { setTheme, theme } from "./theme.ts";

export function ThemeToggle() {
  return (
    <button
      type="button"
      class="ghost"
      aria-label="Toggle dark and light theme"
      onClick={() => setTheme(theme() === "dark" ? "light" : "dark")}
    >
      {theme() === "dark" ? "☀ Light" : "☾ Dark"}
    </button>
  );
}
