/**
 * Records the Trade page keeps in IndexedDB (Dexie table paperAccounts, version 4) and the
 * replay status the worker reports. One record per paper account holds everything needed
 * to continue after a reload: the broker state, where the replay stands, the notifications.
 */
import type { PaperState } from "../../../../core/paper/paper-state.ts";
import type { ReplayPosition } from "../../../../core/paper/replay.ts";

export interface ReplaySetup {
  datasetId: string;
  symbol: string;
  timeframe: string;
  position: ReplayPosition;
  speed: number;
  spreadPips: number;
}

export interface NotificationItem {
  id: number;
  kind: "fill" | "sl" | "tp" | "close" | "cancel" | "margin-call" | "stop-out";
  text: string;
  /** market time of the event */
  time: number;
}

export interface PaperAccountRecord {
  id: string;
  name: string;
  currency: string;
  state: PaperState;
  replay: ReplaySetup | null;
  notifications: NotificationItem[];
  /** wall-clock ms of the last save */
  updatedAt: number;
}

/** Replay status shown by the replay bar. */
export interface ReplayStatus {
  datasetId: string;
  symbol: string;
  timeframe: string;
  playing: boolean;
  speed: number;
  /** index of the bar the last quote belonged to, and how many of its quotes were played */
  bar: number;
  quotesInBar: number;
  /** market time of the last quote */
  time: number;
  bars: number;
  done: boolean;
  /** where the ask - bid comes from: the data set's own spread column, or Settings */
  spreadSource: "data" | "settings";
  /** the Settings spread of the replay (also used for data bars whose spread is unknown) */
  spreadPips: number;
}
