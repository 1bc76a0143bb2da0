/* The import worker: one per import, so a cancel can also end it outright. */
import { expose } from "comlink";
import { importApi } from "./import-api.ts";

expose(importApi);
