// The municipality's own site settings (data/site.json): default municipality, baseline year.
import { runJsonLoader } from "../../loaders/run.ts";
import { readSiteSettings } from "../../loaders/site.ts";

await runJsonLoader(() => readSiteSettings());
