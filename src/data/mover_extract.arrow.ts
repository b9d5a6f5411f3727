// The municipality's own register extract (særkørsel) in data/extracts/*.csv; empty dataset when there is none.
import { runArrowLoader } from "../../loaders/run.ts";
import { moverExtract } from "../../loaders/extracts.ts";

await runArrowLoader(() => moverExtract());
