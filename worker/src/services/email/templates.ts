/**
 * Subject, plain-text and HTML bodies for every account email. Data values are escaped in
 * HTML; links are only rendered for http(s) URLs. Data keys per template (all strings,
 * missing ones fall back to neutral wording):
 *   welcome            name?
 *   password-reset     resetUrl, expiresInMinutes? (default 60)
 *   2fa-enabled        time?, device?
 *   2fa-disabled       time?, device?
 *   new-sign-in        time?, device?
 *   trade-notification instrument, side, units, price?, status?, time?
 *   connector-offline  lastSeen?, time?
 *   ai-digest          period, summary?, lines (one alert or recommendation per line)
 * Every template also gets appOrigin (from APP_ORIGIN) for the footer and the Security link.
 */
import type { EmailTemplate } from "./types.ts";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Escapes a value for HTML text and attribute context. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function safeUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** A template body: paragraphs of plain text, an optional call-to-action link. */
interface Body {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string | undefined };
}

type Data = Record<string, string>;

const when = (d: Data) => (d.time ? ` at ${d.time}` : "");
const from = (d: Data) => (d.device ? ` from ${d.device}` : "");
const notYou = (d: Data) =>
  `If this was not you, change your password now and review your active sessions on the Security page (${d.appOrigin}/security).`;

const BODIES: Record<EmailTemplate, (d: Data) => Body> = {
  welcome: (d) => ({
    subject: "Welcome to Forex AI",
    paragraphs: [
      `Hello${d.name ? ` ${d.name}` : ""},`,
      "Your Forex AI account is ready. Your charts, backtests and models stay on your device; the account syncs your settings and connects your broker when you choose to.",
      "We recommend turning on two-factor authentication on the Security page.",
    ],
    action: { label: "Open Forex AI", url: safeUrl(d.appOrigin) },
  }),
  "password-reset": (d) => ({
    subject: "Reset your Forex AI password",
    paragraphs: [
      "Someone (hopefully you) asked to reset the password of your Forex AI account.",
      `The link works once and expires in ${d.expiresInMinutes || "60"} minutes. If you did not ask for it, ignore this email: your password stays the same.`,
    ],
    action: { label: "Choose a new password", url: safeUrl(d.resetUrl) },
  }),
  "2fa-enabled": (d) => ({
    subject: "Two-factor authentication is on",
    paragraphs: [
      `Two-factor authentication was turned on for your Forex AI account${when(d)}${from(d)}.`,
      "Keep your recovery codes somewhere safe: each one works once if you lose your authenticator.",
      notYou(d),
    ],
  }),
  "2fa-disabled": (d) => ({
    subject: "Two-factor authentication was turned off",
    paragraphs: [
      `Two-factor authentication was turned off for your Forex AI account${when(d)}${from(d)}.`,
      notYou(d),
    ],
  }),
  "new-sign-in": (d) => ({
    subject: "New sign-in to your Forex AI account",
    paragraphs: [`Your Forex AI account was signed in to${when(d)}${from(d)}.`, notYou(d)],
  }),
  "trade-notification": (d) => ({
    subject: `Trade ${d.status || "update"}: ${d.side || ""} ${d.units || ""} ${d.instrument || ""}`
      .replace(/\s+/g, " ")
      .trim(),
    paragraphs: [
      `Order ${d.status || "update"}: ${d.side || "?"} ${d.units || "?"} ${d.instrument || "?"}${d.price ? ` at ${d.price}` : ""}${when(d)}.`,
      "Open Forex AI to see the position and its history.",
    ],
    action: { label: "Open Forex AI", url: safeUrl(d.appOrigin) },
  }),
  "connector-offline": (d) => ({
    subject: "Your Forex AI connector is offline",
    paragraphs: [
      `Your connector has not been heard from for more than 5 minutes${d.lastSeen ? ` (last seen ${d.lastSeen})` : ""}.`,
      "Orders from the app and the trading API are refused while it is offline. Check the machine it runs on and restart forex-ai-connector.",
    ],
    action: {
      label: "Open the Connector page",
      url: safeUrl(d.appOrigin ? `${d.appOrigin}/connector` : undefined),
    },
  }),
  "ai-digest": (d) => ({
    subject: `Your Forex AI digest: ${d.period || "latest alerts"}`,
    paragraphs: [
      `Your AI supervisor digest for ${d.period || "the latest period"}, computed on your device from your trade history.`,
      ...(d.summary ? [d.summary] : []),
      ...(d.lines || "No alerts.").split("\n").filter((l) => l.trim() !== ""),
      "Turn this digest off in Settings (AI supervisor).",
    ],
    action: { label: "Open the AI page", url: safeUrl(d.appOrigin ? `${d.appOrigin}/ai` : undefined) },
  }),
};

const FOOTER = "You receive this email because of activity on your Forex AI account.";

function toText(body: Body): string {
  const lines = [...body.paragraphs];
  if (body.action?.url) lines.push(`${body.action.label}: ${body.action.url}`);
  lines.push("--", FOOTER);
  return `${lines.join("\n\n")}\n`;
}

function toHtml(body: Body): string {
  const paragraphs = body.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
  const action = body.action?.url
    ? `<p><a href="${escapeHtml(body.action.url)}" style="display:inline-block;padding:10px 16px;background:#1f6feb;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(body.action.label)}</a></p>\n<p style="font-size:12px;color:#555">Or paste this link: ${escapeHtml(body.action.url)}</p>`
    : "";
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(body.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:560px;margin:auto;padding:16px">
${paragraphs}
${action}
<hr><p style="font-size:12px;color:#555">${escapeHtml(FOOTER)}</p>
</body></html>`;
}

/** Renders one template; `appOrigin` comes from configuration, never from a request. */
export function renderEmail(template: EmailTemplate, data: Data, appOrigin: string): RenderedEmail {
  const build = BODIES[template];
  if (!build) throw new Error(`Unknown email template "${template}".`);
  const body = build({ ...data, appOrigin });
  return { subject: body.subject, text: toText(body), html: toHtml(body) };
}
