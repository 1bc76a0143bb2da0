/* Dark/light theme: stored per device, applied as <html data-theme>. */
import { createSignal } from "solid-js";

export type Theme = "dark" | "light";
const KEY = "forex-ai:theme";

function initialTheme(): Theme {
  const stored = localStorage.getItem(KEY);
  if (stored === "dark" || stored === "light") return stored;
  return window.matchMedia?.("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

const [theme, setThemeSignal] = createSignal<Theme>("dark");

export { theme };

export function setTheme(next: Theme): void {
  localStorage.setItem(KEY, next);
  document.documentElement.dataset.theme = next;
  setThemeSignal(next);
}

export function applyStoredTheme(): void {
  const t = initialTheme();
  document.documentElement.dataset.theme = t;
  setThemeSignal(t);
}
