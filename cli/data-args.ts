/** Flag parsing shared by the `data` commands: --flag value pairs, boolean flags and one file. */
import { parseTimeframe, parseTimeZone, type Timeframe, type TimeZoneId } from "../core/market/index.ts";
import { UsageError } from "./io.ts";

export interface DataArgs {
  file: string;
  values: Map<string, string>;
  flags: Set<string>;
}

/** Splits argv into one positional file, `--name value` options and boolean `--flags`. */
export function parseDataArgs(argv: string[], valueNames: string[], flagNames: string[]): DataArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (flagNames.includes(name)) flags.add(name);
    else if (valueNames.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value.`);
      values.set(name, value);
    } else {
      const known = [...valueNames, ...flagNames].map((n) => `--${n}`).join(", ");
      throw new UsageError(`unknown option ${arg}. Known options: ${known}.`);
    }
  }
  if (files.length !== 1)
    throw new UsageError(
      files.length === 0 ? "give the price file to read." : `give one file, got ${files.length}.`,
    );
  return { file: files[0], values, flags };
}

/** The --tz option as a zone (default UTC). */
export function tzOption(args: DataArgs): TimeZoneId {
  const value = args.values.get("tz");
  if (value === undefined) return "utc";
  try {
    return parseTimeZone(value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The --timeframe option, if given. */
export function timeframeOption(args: DataArgs): Timeframe | undefined {
  const value = args.values.get("timeframe");
  if (value === undefined) return undefined;
  try {
    return parseTimeframe(value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
