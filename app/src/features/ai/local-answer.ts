/**
 * The answer given without an AI provider (offline, no provider configured, not signed
 * in, or the provider failed): the local analysis itself, picked by what the question is
 * about, and a first line that says it is local and why. It only repeats computed figures.
 */
import type { MarketAnalysis } from "../../../../core/analysis/index.ts";
import type { HabitAnalysis } from "../../../../core/analysis/trades/index.ts";
import { alertsText, habitsText, marketText } from "./context.ts";

const MARKET_WORDS =
  /\b(market|trend|range|breakout|regime|volatil\w*|atr|support|resistance|levels?|session|price|direction|[a-z]{3}\/?[a-z]{3})\b/i;
const HABIT_WORDS =
  /\b(my|i|me|habits?|trades?|trading|alerts?|revenge|overtrad\w*|risk|size|sizing|drawdown|win|loss(es)?|style|pnl|profit|mistakes?|recommend\w*)\b/i;

export interface LocalAnswerInput {
  question: string;
  /** why no provider answered, e.g. "you are offline" */
  reason: string;
  market?: MarketAnalysis;
  habits?: { name: string; analysis: HabitAnalysis };
}

export function localAnswer(input: LocalAnswerInput): string {
  const q = input.question;
  let aboutMarket = MARKET_WORDS.test(q);
  let aboutHabits = HABIT_WORDS.test(q);
  if (!aboutMarket && !aboutHabits) aboutMarket = aboutHabits = true;
  const sections = [
    `Answered from local analysis (${input.reason}). These are the figures computed on this device:`,
  ];
  if (aboutMarket) {
    sections.push(
      input.market
        ? `Market: ${marketText(input.market)}`
        : "Market: no price data to analyse. Import a price file or load the sample on the Data page.",
    );
  }
  if (aboutHabits) {
    if (input.habits) {
      sections.push(`Your trading: ${habitsText(input.habits.name, input.habits.analysis)}`);
      sections.push(`Alerts: ${alertsText(input.habits.analysis)}`);
    } else
      sections.push(
        "Your trading: no trade history yet. Import one on this page to see your habits and alerts.",
      );
  }
  return sections.join("\n\n");
}
