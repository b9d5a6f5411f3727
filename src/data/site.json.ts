// The municipality's own site settings (data/site.json): default municipality, baseline year.
import { readSiteSettings } from "../../loaders/site.ts";
import { writeStdout } from "../../loaders/arrow.ts";

await writeStdout(JSON.stringify(await readSiteSettings()));
