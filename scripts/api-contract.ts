/**
 * `npm run api:contract`: regenerates app/src/adapters/api-contract.gen.ts from the Worker's
 * routes (also the first step of `npm run typecheck`). The file is a build product and is
 * not committed. With --check, only says whether the file on disk is current (exit 1 when not).
 */

import { readFile } from "node:fs/promises";
import { CONTRACT_FILE, generateApiContract, writeApiContract } from "./api-contract/generate.ts";

const check = process.argv.includes("--check");
try {
  if (check) {
    const current = (await readFile(CONTRACT_FILE, "utf8").catch(() => "")) === (await generateApiContract());
    if (!current) {
      console.error(`${CONTRACT_FILE} is out of date: run npm run api:contract.`);
      process.exit(1);
    }
  } else if (await writeApiContract()) {
    console.log(`Updated ${CONTRACT_FILE} from the Worker's routes.`);
  }
} catch (error) {
  console.error(`Could not build the API contract: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
