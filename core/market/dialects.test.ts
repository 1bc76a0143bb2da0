import { describe, expect, it } from "vitest";
import { civilToMs } from "./civil-time.ts";
import { detectDialect } from "./dialects.ts";
import { parseText } from "./parser.ts";

const T = civilToMs(2024, 1, 2, 17, 0);
const H = 3600_000;

/** Small samples written in the real layouts of each source. */
const SAMPLES = {
  mt5TabHeader: [
    "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>",
    "2024.01.02\t17:00:00\t1.09412\t1.09468\t1.09385\t1.09441\t1520\t0\t2",
    "2024.01.02\t18:00:00\t1.09441\t1.09502\t1.09420\t1.09488\t1311\t0\t2",
  ],
  mt5CommaHeader: [
    "<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<TICKVOL>,<VOL>,<SPREAD>",
    "2024.01.02,17:00:00,1.09412,1.09468,1.09385,1.09441,1520,0,2",
    "2024.01.02,18:00:00,1.09441,1.09502,1.09420,1.09488,1311,0,2",
  ],
  mt5TabNoHeader: [
    "2024.01.02\t17:00:00\t1.09412\t1.09468\t1.09385\t1.09441\t1520\t0\t2",
    "2024.01.02\t18:00:00\t1.09441\t1.09502\t1.09420\t1.09488\t1311\t0\t2",
  ],
  mt4Comma: [
    "2024.01.02,17:00,1.09412,1.09468,1.09385,1.09441,1520",
    "2024.01.02,18:00,1.09441,1.09502,1.09420,1.09488,1311",
  ],
  histdata: [
    "20240102 170000;1.094120;1.094680;1.093850;1.094410;0",
    "20240102 170100;1.094410;1.095020;1.094200;1.094880;0",
  ],
  dukascopy: [
    "Gmt time,Open,High,Low,Close,Volume",
    "02.01.2024 17:00:00.000,1.09412,1.09468,1.09385,1.09441,1520.37",
    "02.01.2024 18:00:00.000,1.09441,1.09502,1.09420,1.09488,1311.2",
  ],
  dukascopyLocal: [
    "Local time,Open,High,Low,Close,Volume",
    "02.01.2024 19:00:00.000 GMT+0200,1.09412,1.09468,1.09385,1.09441,1520.37",
    "02.01.2024 20:00:00.000 GMT+0200,1.09441,1.09502,1.09420,1.09488,1311.2",
  ],
  pandasUnnamed: [
    ",Open,High,Low,Close,Volume",
    "2024-01-02 17:00:00,1.09412,1.09468,1.09385,1.09441,1520",
    "2024-01-02 18:00:00,1.09441,1.09502,1.09420,1.09488,1311",
  ],
  isoSemicolon: [
    "timestamp;open;high;low;close;volume",
    "2024-01-02T17:00:00Z;1.09412;1.09468;1.09385;1.09441;1520",
    "2024-01-02T18:00:00Z;1.09441;1.09502;1.09420;1.09488;1311",
  ],
  epochSeconds: [
    "time,open,high,low,close,volume",
    `${T / 1000},1.09412,1.09468,1.09385,1.09441,1520`,
    `${(T + H) / 1000},1.09441,1.09502,1.09420,1.09488,1311`,
  ],
  epochMsTab: [
    "Time\tOpen\tHigh\tLow\tClose",
    `${T}\t1.09412\t1.09468\t1.09385\t1.09441`,
    `${T + H}\t1.09441\t1.09502\t1.09420\t1.09488`,
  ],
  dateTimeColumns: [
    "Date,Time,Open,High,Low,Close,Volume",
    "2024.01.02,17:00,1.09412,1.09468,1.09385,1.09441,1520",
    "2024.01.02,18:00,1.09441,1.09502,1.09420,1.09488,1311",
  ],
  tickerFinam: [
    "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>",
    "GBPJPY,60,20240102,170000,183.412,183.468,183.385,183.441,1520",
    "GBPJPY,60,20240102,180000,183.441,183.502,183.420,183.488,1311",
  ],
};

describe("detectDialect", () => {
  it.each([
    ["mt5TabHeader", "metatrader", "\t", true],
    ["mt5CommaHeader", "metatrader", ",", true],
    ["mt5TabNoHeader", "metatrader", "\t", false],
    ["mt4Comma", "metatrader", ",", false],
    ["histdata", "histdata", ";", false],
    ["dukascopy", "dukascopy", ",", true],
    ["dukascopyLocal", "dukascopy", ",", true],
    ["pandasUnnamed", "csv", ",", true],
    ["isoSemicolon", "csv", ";", true],
    ["epochSeconds", "csv", ",", true],
    ["epochMsTab", "csv", "\t", true],
    ["dateTimeColumns", "csv", ",", true],
    ["tickerFinam", "metatrader", ",", true],
  ] as const)("%s -> %s", (name, id, delimiter, hasHeader) => {
    const d = detectDialect(SAMPLES[name]);
    expect(d.id).toBe(id);
    expect(d.delimiter).toBe(delimiter);
    expect(d.hasHeader).toBe(hasHeader);
  });

  it("uses the tick volume of MetaTrader exports and suggests zones", () => {
    expect(detectDialect(SAMPLES.mt5TabHeader).columns.volume).toBe(6);
    expect(detectDialect(SAMPLES.histdata).suggestedTz).toBe("est");
    expect(detectDialect(SAMPLES.dukascopy).suggestedTz).toBe("utc");
  });

  it("preselects MetaTrader broker time (UTC+2/+3, US dates) for MT4/MT5 exports and says why", () => {
    for (const name of ["mt5TabHeader", "mt5CommaHeader", "mt5TabNoHeader", "mt4Comma"] as const) {
      const d = detectDialect(SAMPLES[name]);
      expect(d.suggestedTz, name).toBe("broker-ny");
      expect(d.tzNote, name).toMatch(/broker's server time.*UTC\+2.*UTC\+3/);
    }
    // Finam's <TICKER> export is not a broker's clock: no broker suggestion
    expect(detectDialect(SAMPLES.tickerFinam).suggestedTz).toBeUndefined();
    // 2024.01.02 17:00 broker time in winter is 15:00 UTC (hand computation: UTC+2)
    const r = parseText(SAMPLES.mt4Comma.join("\n"), { tz: "broker-ny" });
    expect(r.bars.time[0]).toBe(T - 2 * H);
  });

  it("explains what is missing for unknown layouts", () => {
    expect(() => detectDialect(["hello world", "foo bar"])).toThrow(
      /Cannot recognise the file format.*hello world/,
    );
    expect(() => detectDialect(["Time,Open,High,Low,Price", "2024-01-02,1,1,1,1"])).toThrow(
      /no close column/,
    );
    expect(() => detectDialect([""])).toThrow(/empty/);
  });
});

describe("parsing each dialect", () => {
  it.each(Object.keys(SAMPLES) as (keyof typeof SAMPLES)[])("%s gives the same two bars", (name) => {
    const result = parseText(SAMPLES[name].join("\n"), { tz: "utc" });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.bars.length).toBe(2);
    const jpy = name === "tickerFinam";
    expect(result.bars.open[0]).toBe(jpy ? 183.412 : 1.09412);
    expect(result.bars.close[1]).toBe(jpy ? 183.488 : 1.09488);
    expect(result.bars.time[0]).toBe(T);
    const step = name === "histdata" ? 60_000 : H;
    expect(result.bars.time[1] - result.bars.time[0]).toBe(step);
  });

  it("reads volumes, including fractional Dukascopy volumes and files without volume", () => {
    expect(parseText(SAMPLES.dukascopy.join("\n")).bars.volume[0]).toBe(1520.37);
    expect(parseText(SAMPLES.mt5TabHeader.join("\n")).bars.volume[1]).toBe(1311);
    expect(parseText(SAMPLES.epochMsTab.join("\n")).bars.volume[0]).toBe(0);
  });

  it("takes the symbol from a ticker column", () => {
    const result = parseText(SAMPLES.tickerFinam.join("\n"));
    expect(result.symbol?.symbol).toBe("GBPJPY");
    expect(result.symbol?.pipSize).toBe(0.01);
  });
});

describe("more layouts", () => {
  it("reads decimal commas in semicolon files", () => {
    const r = parseText(
      ["Time;Open;High;Low;Close", "2024-01-02 17:00;1,0941;1,0950;1,0930;1,0945"].join("\n"),
    );
    expect(r.dialect.delimiter).toBe(";");
    expect(r.bars.high[0]).toBe(1.095);
  });

  it("reads a MetaTrader D1 export without a <TIME> column", () => {
    const r = parseText(
      [
        "<DATE>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>",
        "2024.01.02\t1.10000\t1.10500\t1.09000\t1.09400\t60000\t0\t1",
        "2024.01.03\t1.09400\t1.09600\t1.08900\t1.09200\t61000\t0\t1",
      ].join("\n"),
    );
    expect(r.dialect.id).toBe("metatrader");
    expect(r.timeframe).toBe("D1");
    expect(r.bars.volume[1]).toBe(61000);
  });

  it("refuses an empty file and reports a header-only file as having no bars", () => {
    expect(() => parseText("")).toThrow(/empty/);
    const r = parseText("Time,Open,High,Low,Close\n");
    expect(r.ok).toBe(false);
    expect(r.failure).toMatch(/No valid bars/);
  });
});
