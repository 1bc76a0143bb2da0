/* Entry: mounts the app and starts the service-worker registration. */
import "./zod-config.ts";
import { render } from "solid-js/web";
import { App } from "./app.tsx";
import { applyStoredTheme } from "./ui/theme.ts";
import "./ui/styles.css";

applyStoredTheme();
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
render(() => <App />, root);
