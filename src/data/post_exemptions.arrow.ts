// Applications for exemption from Digital Post (data/digital-post-fritagelser/*.csv), small counts protected.
import { runArrowLoader } from "../../loaders/run.ts";
import { postExemptions } from "../../loaders/digitalisering/digitalPost.ts";

await runArrowLoader(() => postExemptions());
