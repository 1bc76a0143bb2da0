/**
 * The relay room's side effects over D1 and the email service: re-checking the credential
 * behind a socket, the live-trading switch, and opted-in notification emails (fills and
 * stop-outs under "email trade notifications", connector outages under its own switch).
 */
import type { Env } from "../env.ts";
import { RATE_LIMIT_CLASSES, refusal, withTimeout } from "../middleware/rate-limit/index.ts";
import { getEmailService } from "../services/email/index.ts";
import { getRateLimitStore, RateLimitUnavailableError, storeTimeoutMs } from "../services/ratelimit/index.ts";
import type { NotificationEvent, PeerIdentity, RoomEffects } from "./ports.ts";

interface NotificationPrefs {
  emailTradeNotifications?: unknown;
  emailConnectorOffline?: unknown;
}

export function d1RoomEffects(env: Env, now: () => number): RoomEffects {
  return {
    async stillAuthorised(peer: PeerIdentity): Promise<boolean> {
      if (peer.role === "app") {
        const row = await env.DB.prepare(
          "SELECT revoked_at, absolute_expires_at FROM sessions WHERE id = ? AND user_id = ?",
        )
          .bind(peer.sessionId ?? "", peer.userId)
          .first<{ revoked_at: number | null; absolute_expires_at: number }>();
        return row !== null && row.revoked_at === null && row.absolute_expires_at > now();
      }
      const table = peer.role === "connector" ? "connectors" : "api_tokens";
      const id = peer.role === "connector" ? peer.connectorId : peer.apiTokenId;
      const row = await env.DB.prepare(`SELECT revoked_at FROM ${table} WHERE id = ? AND user_id = ?`)
        .bind(id ?? "", peer.userId)
        .first<{ revoked_at: number | null }>();
      return row !== null && row.revoked_at === null;
    },

    async liveTradingEnabled(userId: string): Promise<boolean> {
      const row = await env.DB.prepare("SELECT enabled FROM live_trading WHERE user_id = ?")
        .bind(userId)
        .first<{ enabled: number }>();
      return row?.enabled === 1;
    },

    async spendTradingBudget(userId: string): Promise<string | null> {
      // bench:relay sends 1,000 orders from one user within minutes; only a development server
      // (npm start) can be told to skip the budget, anything else ignores the switch
      if (env.ENVIRONMENT === "development" && env.RELAY_ORDER_BUDGET === "off") return null;
      // the key the HTTP trading routes use (`trading:` + `user:<id>`), so one budget covers both
      const config = RATE_LIMIT_CLASSES.trading;
      const store = getRateLimitStore(env);
      try {
        const decision = await withTimeout(
          store.limit(`trading:user:${userId}`, config.rules),
          storeTimeoutMs(env),
        );
        return decision.success ? null : refusal(config, decision).message;
      } catch (err) {
        const reason = err instanceof RateLimitUnavailableError ? err.reason : String(err);
        console.error(
          JSON.stringify({
            level: "error",
            event: "rate_limiter_unavailable",
            class: "trading",
            via: "relay",
            backend: store.name,
            reason,
            outcome: "refused",
          }),
        );
        return "The trading limiter is not answering, so this order was refused for safety. Try again in a few seconds.";
      }
    },

    async notify(userId: string, event: NotificationEvent): Promise<void> {
      try {
        const row = await env.DB.prepare(
          `SELECT u.email, s.settings_json FROM users u LEFT JOIN user_settings s ON s.user_id = u.id WHERE u.id = ?`,
        )
          .bind(userId)
          .first<{ email: string; settings_json: string | null }>();
        if (!row) return;
        const prefs = (row.settings_json ? JSON.parse(row.settings_json) : {}) as NotificationPrefs;
        const time = new Date(now()).toISOString();
        const email = getEmailService(env);
        if (event.kind === "connector_offline") {
          if (prefs.emailConnectorOffline !== true) return;
          await email.send({
            to: row.email,
            template: "connector-offline",
            data: { lastSeen: new Date(event.lastSeen).toISOString(), time },
          });
          return;
        }
        if (prefs.emailTradeNotifications !== true) return;
        await email.send({
          to: row.email,
          template: "trade-notification",
          data: {
            instrument: event.symbol,
            side: event.kind === "stop_out" ? "stop-out" : event.side,
            units: String(event.units),
            price: String(event.price),
            status: event.kind === "stop_out" ? "stopped out" : "filled",
            time,
          },
        });
      } catch (err) {
        console.error(
          JSON.stringify({
            level: "error",
            kind: "relay_notify_failed",
            event: event.kind,
            message: String(err),
          }),
        );
      }
    },
  };
}
