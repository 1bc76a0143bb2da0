/**
 * `forex-ai train <csv>`: trains a model by walk-forward over the whole file in Node (wasm
 * backend) and prints the out-of-sample figures and the backtest of the model's signals.
 */

import { MODEL_KINDS, type ModelKind } from "../../app/src/adapters/tf/models.ts";
import { walkForwardTrain } from "../../app/src/adapters/tf/pipeline.ts";
import type { BacktestSettings } from "../../core/backtest/types.ts";
import { DEFAULT_FEATURES } from "../../core/ml/feature-spec.ts";
import type { LabelSpec } from "../../core/ml/labels.ts";
import { SETTINGS_USAGE, takeSettingsFlag, wholeNumber } from "../backtest-args.ts";
import { loadBarsCsv } from "../csv-load.ts";
import { type CliCommand, UsageError } from "../io.ts";
import { statsTable } from "../report-table.ts";
import { useNodeBackend } from "../tf-backend.ts";

const USAGE = `forex-ai train <csv> --model logreg|mlp|cnn|gru --horizon N [options] [--json]

Trains a model on a CSV of bars with walk-forward windows (train on the past, test on the
following rows after a purge gap of the horizon) and reports out-of-sample figures and a
backtest of the model's signals. Runs in Node on the TensorFlow.js wasm backend.

Options:
  --model KIND             ${MODEL_KINDS.join(", ")} (default mlp)
  --horizon N              label: direction after N bars (default 1)
  --dead-zone PIPS         moves of at most this many pips get no label (default 0)
  --pip-size X             pip size for the dead zone (default 0.0001)
  --epochs N               maximum epochs per window (default 20; early stopping may end sooner)
  --seed S                 seed for weights and shuffling (default 1)
  --windows K              walk-forward windows (default 4)
  --control                also train on shuffled labels and report that control
  --backend wasm|cpu       TensorFlow.js backend (default wasm)
  --json                   print {"model", "samples", "oos": {...}, "backtest": {...stats}}
${SETTINGS_USAGE}

Example:
  forex-ai train EURUSD_H1.csv --model mlp --horizon 1 --epochs 20 --seed 7 --json`;

interface TrainArgs {
  file: string;
  model: ModelKind;
  label: LabelSpec;
  epochs: number;
  seed: number;
  windows: number;
  control: boolean;
  backend: "wasm" | "cpu";
  settings: Partial<BacktestSettings>;
  json: boolean;
}

function number(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n < 0)
    throw new UsageError(`${flag} needs a number >= 0 (got ${value ?? "nothing"}).`);
  return n;
}

function parseArgs(argv: string[]): TrainArgs {
  const out: TrainArgs = {
    file: "",
    model: "mlp",
    label: { kind: "direction", horizon: 1, deadZonePips: 0, pipSize: 0.0001 },
    epochs: 20,
    seed: 1,
    windows: 4,
    control: false,
    backend: "wasm",
    settings: {},
    json: false,
  };
  const label = out.label as Extract<LabelSpec, { kind: "direction" }>;
  for (let i = 0; i < argv.length; ) {
    const a = argv[i];
    const v = argv[i + 1];
    const used = takeSettingsFlag(argv, i, out.settings);
    if (used > 0) {
      i += used;
      continue;
    }
    i += 2;
    if (a === "--model") {
      if (!MODEL_KINDS.includes(v as ModelKind))
        throw new UsageError(`--model must be one of ${MODEL_KINDS.join(", ")} (got ${v ?? "nothing"}).`);
      out.model = v as ModelKind;
    } else if (a === "--horizon") label.horizon = wholeNumber(a, v, 1);
    else if (a === "--dead-zone") label.deadZonePips = number(a, v);
    else if (a === "--pip-size") label.pipSize = number(a, v) || 0.0001;
    else if (a === "--epochs") out.epochs = wholeNumber(a, v, 1);
    else if (a === "--seed") out.seed = wholeNumber(a, v, 0);
    else if (a === "--windows") out.windows = wholeNumber(a, v, 1);
    else if (a === "--backend") {
      if (v !== "wasm" && v !== "cpu")
        throw new UsageError(`--backend must be wasm or cpu (got ${v ?? "nothing"}).`);
      out.backend = v;
    } else {
      i -= 1;
      if (a === "--json") out.json = true;
      else if (a === "--control") out.control = true;
      else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}.`);
      else if (out.file) throw new UsageError(`one CSV file only (got "${out.file}" and "${a}").`);
      else out.file = a;
    }
  }
  if (!out.file) throw new UsageError("give the CSV file of bars to train on.");
  return out;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : "-");

export const trainCommand: CliCommand = {
  name: "train",
  summary: "Train an ML model with walk-forward evaluation",
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv);
    const bars = await loadBarsCsv(io.cwd, args.file);
    await useNodeBackend(args.backend);
    const outcome = await walkForwardTrain(
      {
        bars,
        features: DEFAULT_FEATURES,
        label: args.label,
        model: args.model,
        epochs: args.epochs,
        seed: args.seed,
        windows: args.windows,
        control: args.control,
        settings: args.settings,
      },
      {
        onWindowDone: ({ window, windows, accuracy, epochs, samples }) => {
          if (!args.json)
            io.stderr(
              `window ${window + 1}/${windows}: out-of-sample accuracy ${fmt(accuracy)} on ${samples} samples (${epochs} epochs)\n`,
            );
        },
      },
    );
    outcome.model.dispose();
    const { report } = outcome;
    const c = report.classification;
    const oos = { accuracy: c.accuracy, precision: c.precision, recall: c.recall, f1: c.f1 };
    if (args.json) {
      io.stdout(
        `${JSON.stringify({ model: args.model, samples: outcome.samples, oos, backtest: report.backtest.stats })}\n`,
      );
      return 0;
    }
    io.stdout(
      `${args.model} on ${args.file}: ${outcome.samples} out-of-sample samples in ${outcome.windows.length} windows\n\n`,
    );
    io.stdout(
      `accuracy ${fmt(c.accuracy)}  precision ${fmt(c.precision)}  recall ${fmt(c.recall)}  f1 ${fmt(c.f1)}  (up rate ${fmt(c.upRate)}, Brier ${fmt(c.brier)})\n`,
    );
    io.stdout(
      `confusion: tp ${c.confusion.tp}  fp ${c.confusion.fp}  tn ${c.confusion.tn}  fn ${c.confusion.fn}\n`,
    );
    if (report.shuffled) io.stdout(`shuffled-label control accuracy ${fmt(report.shuffled.accuracy)}\n`);
    io.stdout(`\nModel signals (out of sample):\n${statsTable(report.backtest.stats)}\n`);
    io.stdout(
      `\nBuy and hold over the same bars: return ${report.buyAndHold.stats.returnPct.toFixed(2)}%, model: ${report.backtest.stats.returnPct.toFixed(2)}%${report.shuffledBacktest ? `, shuffled control: ${report.shuffledBacktest.stats.returnPct.toFixed(2)}%` : ""}\n`,
    );
    return 0;
  },
};
