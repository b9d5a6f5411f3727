// Inquiries per channel in data/henvendelser/*.csv; empty dataset when there is none.
import { runArrowLoader } from "../../loaders/run.ts";
import { inquiries } from "../../loaders/digitalisering/inquiries.ts";

await runArrowLoader(() => inquiries());
