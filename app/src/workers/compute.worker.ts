/* The compute worker: heavy jobs run here, exposed to the UI thread through comlink. */
import { expose } from "comlink";
import { computeApi } from "./compute-api.ts";

expose(computeApi);
