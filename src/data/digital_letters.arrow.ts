// Letters sent digitally and on paper, data/digital-post/*.csv; empty dataset when there is none.
import { runArrowLoader } from "../../loaders/run.ts";
import { digitalLetters } from "../../loaders/digitalisering/digitalPost.ts";

await runArrowLoader(() => digitalLetters());
