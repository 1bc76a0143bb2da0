/** Entry of the single executable (npm run connector:package): the CLI without tsx. */
import { processMain } from "./src/process-main.ts";

void processMain();
