/**
 * The development outbox: emails "sent" by the console provider, kept in D1 (table
 * dev_outbox, migration 0003) so any request or isolate can read them back through
 * GET /api/v1/dev/outbox. Only used when ENVIRONMENT=development.
 */
import type { OutgoingEmail } from "./types.ts";

/** How many messages the outbox keeps; older ones are deleted on insert. */
export const OUTBOX_KEEP = 200;

export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  template: string;
  createdAt: string;
}

export async function addToOutbox(db: D1Database, email: OutgoingEmail, now: Date): Promise<void> {
  await db.batch([
    db
      .prepare(
        "INSERT INTO dev_outbox (to_address, template, subject, text_body, html_body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .bind(email.to, email.template, email.subject, email.text, email.html, now.toISOString()),
    db.prepare("DELETE FROM dev_outbox WHERE id <= (SELECT MAX(id) FROM dev_outbox) - ?").bind(OUTBOX_KEEP),
  ]);
}

/** Newest first. */
export async function readOutbox(db: D1Database, limit = 50): Promise<OutboxMessage[]> {
  const { results } = await db
    .prepare(
      "SELECT to_address, template, subject, text_body, html_body, created_at FROM dev_outbox ORDER BY id DESC LIMIT ?",
    )
    .bind(limit)
    .all<{
      to_address: string;
      template: string;
      subject: string;
      text_body: string;
      html_body: string;
      created_at: string;
    }>();
  return results.map((r) => ({
    to: r.to_address,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    template: r.template,
    createdAt: r.created_at,
  }));
}
