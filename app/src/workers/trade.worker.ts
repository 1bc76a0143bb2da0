/* The trade worker: paper broker and market replay off the UI thread, through comlink. */
import { expose } from "comlink";
import { tradeApi } from "./trade-api.ts";

expose(tradeApi);
