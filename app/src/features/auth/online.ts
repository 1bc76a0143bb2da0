/* A reactive navigator.onLine, for pages that disable account actions while offline. */
import { createSignal } from "solid-js";

const [online, setOnline] = createSignal(typeof navigator === "undefined" ? true : navigator.onLine);
if (typeof window !== "undefined") {
  window.addEventListener("online", () => setOnline(true));
  window.addEventListener("offline", () => setOnline(false));
}

export const isOnline = online;
