/** What a running bot reports to the Bots page, whichever venue it trades on. */
import type { BotDecisionRecord, BotTarget } from "./records.ts";

export interface BotStatus {
  venue: BotTarget;
  /** market time of the last bar (replay) or quote (connector) */
  time: number;
  equity: number;
  pl: number;
  side: -1 | 0 | 1;
  /** replay bots: the replay reached the end of the data set */
  done: boolean;
  /** connector bots: why the bot is paused and sends no orders ("" while it runs) */
  paused: string;
  /** connector bots: bars built from the connector's quotes so far */
  bars: number;
}

export type BotUpdate = (s: BotStatus, d?: BotDecisionRecord) => void;

/** A running bot, on market replay or on the connector. */
export interface RunningBot {
  status(): BotStatus;
  start(): void;
  stop(): void;
  /**
   * Closes the bot's positions (on deactivation); resolves with "" when they are closed (or
   * there were none), else why the close was not confirmed (refused, or still pending).
   */
  flatten(): Promise<string>;
}
