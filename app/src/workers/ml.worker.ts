/* The ML worker: TensorFlow.js training and predictions off the UI thread. */
import { expose } from "comlink";
import { mlApi } from "./ml-api.ts";

expose(mlApi);
