/** Suggested questions shown above the chat box, depending on what the user has. */
export function suggestedQuestions(has: { market: boolean; habits: boolean }): string[] {
  const out: string[] = [];
  if (has.market)
    out.push("What is the market doing right now?", "Where are the nearest support and resistance levels?");
  if (has.habits)
    out.push("What do my trades say about my habits?", "Which of my alerts matters most, and why?");
  if (out.length === 0) out.push("What can you tell me without any data?");
  return out;
}
