/* The backtest worker: runs, optimisation lanes and walk-forward windows, through comlink. */
import { expose } from "comlink";
import { backtestApi } from "./backtest-api.ts";

expose(backtestApi);
