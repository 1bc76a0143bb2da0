/**
 * Builds the PWA in app/ into dist/app, which the Worker serves as static assets.
 * The service worker precaches the whole app (tfjs wasm included) so it runs offline.
 */
import { cpSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import solid from "vite-plugin-solid";
import { extraOrigins, headersFile } from "./worker/src/security/headers-policy.ts";

const root = fileURLToPath(new URL("./app", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/app", import.meta.url));

/** Copies swagger-ui's files next to the app so /api/v1/docs works without a CDN. */
function vendorSwaggerUi(): Plugin {
  return {
    name: "forex-ai:vendor-swagger-ui",
    apply: "build",
    closeBundle() {
      const from = fileURLToPath(new URL("./node_modules/swagger-ui-dist", import.meta.url));
      const to = `${outDir}/vendor/swagger-ui-dist`;
      for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"])
        cpSync(`${from}/${file}`, `${to}/${file}`);
      // The docs page has no inline script (its CSP allows none): this file starts swagger-ui.
      writeFileSync(
        `${outDir}/vendor/swagger-init.js`,
        'window.addEventListener("load", () => {\n  window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui" });\n});\n',
      );
    },
  };
}

/**
 * Writes dist/app/_headers: the security headers and CSP of the static assets, served
 * without the Worker (checklist 35). CSP_CONNECT_SRC adds origins the app may connect to.
 */
function securityHeadersFile(): Plugin {
  return {
    name: "forex-ai:security-headers",
    apply: "build",
    closeBundle() {
      writeFileSync(`${outDir}/_headers`, headersFile(extraOrigins(process.env.CSP_CONNECT_SRC)));
    },
  };
}

export default defineConfig({
  root,
  publicDir: "public",
  build: { outDir, emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 4096 },
  worker: { format: "es" },
  server: { port: 5173, proxy: { "/api": "http://localhost:8787" } },
  plugins: [
    solid(),
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      includeAssets: ["icons/*.png", "sample/*.csv"],
      manifest: {
        name: "Forex AI",
        short_name: "Forex AI",
        description: "Your forex workstation: charts, backtests, ML models and trading, offline.",
        start_url: "/",
        scope: "/",
        display: "standalone",
        background_color: "#0f172a",
        theme_color: "#0f172a",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,png,svg,wasm,csv,webmanifest}"],
        globIgnores: ["vendor/**"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//, /^\/vendor\//],
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      },
    }),
    vendorSwaggerUi(),
    securityHeadersFile(),
  ],
});
