/**
 * The local settings page: an HTTP server on 127.0.0.1 only, reachable with a random token
 * (printed once by `run`) that is checked on every request, in the query (page, script) or
 * the X-Settings-Token header (API). The Host header must name this server (127.0.0.1 or
 * localhost with its port), which defeats DNS rebinding; a POST from another Origin is
 * refused. Secrets (connector token, OANDA API token, MT5 key) are never sent back: the
 * API says only whether each is set, and an empty field on save keeps the stored value.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { STRATEGIES } from "../../../core/strategy/registry.ts";
import { type ConnectorConfig, configSchema, describeIssues, loadConfig, saveConfig } from "../config.ts";
import type { Logger } from "../log.ts";
import { SETTINGS_CSS, SETTINGS_JS, settingsHtml } from "./settings-page.ts";

const MAX_BODY = 16 * 1024;

export interface SettingsServerOptions {
  dir: string;
  port: number;
  log: Logger;
  /** Called after new settings were saved. */
  onSaved(): void;
  token?: string;
}

/** What the page sees of the config: no secret values, only whether they are set. */
export function publicView(config: ConnectorConfig): Record<string, unknown> {
  const broker: Record<string, unknown> = { ...config.broker };
  if ("apiToken" in broker) broker.apiToken = "";
  if ("key" in broker) broker.key = "";
  return {
    name: config.name,
    server: config.server,
    broker,
    bot: config.bot ?? null,
    secrets: {
      oandaApiToken: config.broker.kind === "oanda",
      mt5Key: config.broker.kind === "mt5" && Boolean(config.broker.key),
    },
    strategies: STRATEGIES.map((s) => ({
      id: s.id,
      name: s.name,
      params: s.params.map((p) => ({ name: p.name, default: p.default })),
    })),
  };
}

/** The settings HTTP server. */
export class SettingsServer {
  readonly token: string;
  private server: Server | undefined;
  private port = 0;

  constructor(private readonly options: SettingsServerOptions) {
    this.token = options.token ?? randomBytes(24).toString("base64url");
    options.log.addSecret(this.token);
  }

  /** Starts listening on 127.0.0.1 and returns the URL with the token. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        this.options.log.error(`Settings page error: ${error.message}`);
        send(res, 500, { error: "internal error" });
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.options.port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}/?token=${this.token}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private hostAllowed(host: string | undefined): boolean {
    return host === `127.0.0.1:${this.port}` || host === `localhost:${this.port}`;
  }

  private tokenOk(req: IncomingMessage, url: URL): boolean {
    const given = String(req.headers["x-settings-token"] ?? url.searchParams.get("token") ?? "");
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.hostAllowed(req.headers.host)) {
      send(res, 421, { error: "This page answers only on 127.0.0.1 or localhost (Host header refused)." });
      return;
    }
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${this.port}`);
    if (!this.tokenOk(req, url)) {
      send(res, 403, { error: "Missing or wrong token: open the exact URL the connector printed." });
      return;
    }
    const origin = req.headers.origin;
    if (req.method !== "GET" && origin !== undefined && !this.hostAllowed(origin.replace(/^http:\/\//, ""))) {
      send(res, 403, { error: "Cross-origin request refused." });
      return;
    }
    if (req.method === "GET" && url.pathname === "/")
      return sendText(res, "text/html", settingsHtml(this.token));
    if (req.method === "GET" && url.pathname === "/app.js")
      return sendText(res, "text/javascript", SETTINGS_JS);
    if (req.method === "GET" && url.pathname === "/app.css") return sendText(res, "text/css", SETTINGS_CSS);
    if (req.method === "GET" && url.pathname === "/api/settings") {
      const config = await loadConfig(this.options.dir);
      if (!config) return send(res, 404, { error: "Not linked." });
      return send(res, 200, publicView(config));
    }
    if (req.method === "POST" && url.pathname === "/api/settings") return this.save(req, res);
    send(res, 404, { error: "Not found." });
  }

  private async save(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) {
      return send(res, 415, { error: "Send JSON (Content-Type: application/json)." });
    }
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return send(res, 413, { error: `Body over ${MAX_BODY} bytes.` });
      chunks.push(chunk as Buffer);
    }
    let body: { broker?: Record<string, unknown>; bot?: Record<string, unknown> | null };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(res, 400, { error: "Body is not valid JSON." });
    }
    const current = await loadConfig(this.options.dir);
    if (!current) return send(res, 404, { error: "Not linked." });
    const broker: Record<string, unknown> = { ...(body.broker ?? current.broker) };
    // Empty secret fields keep the stored value (the page never receives it).
    const old = current.broker as Record<string, unknown>;
    for (const secret of ["apiToken", "key"]) {
      if (
        (broker[secret] === "" || broker[secret] === undefined) &&
        old.kind === broker.kind &&
        old[secret]
      ) {
        broker[secret] = old[secret];
      } else if (broker[secret] === "") delete broker[secret];
    }
    const next = { ...current, broker, bot: body.bot === null ? undefined : (body.bot ?? current.bot) };
    const checked = configSchema.safeParse(next);
    if (!checked.success) {
      return send(res, 400, {
        error: `Settings not saved:\n${describeIssues(checked.error)}`,
        fields: checked.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
    }
    await saveConfig(this.options.dir, checked.data);
    this.options.log.info(
      `Settings saved: broker ${checked.data.broker.kind}${checked.data.bot?.enabled ? `, bot ${checked.data.bot.strategy}` : ""}`,
    );
    send(res, 200, { saved: true, settings: publicView(checked.data) });
    this.options.onSaved();
  }
}

const HEADERS = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...HEADERS, "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, type: string, text: string): void {
  res.writeHead(200, { ...HEADERS, "Content-Type": `${type}; charset=utf-8` });
  res.end(text);
}
