// The ambassador scheme in data/ambassadoerer/*.csv (contacts from newcomers per local community); empty dataset when there is none.
import { runArrowLoader } from "../../loaders/run.ts";
import { ambassadors } from "../../loaders/ambassadors.ts";

await runArrowLoader(() => ambassadors());
