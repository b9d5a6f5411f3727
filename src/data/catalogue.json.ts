// Every StatBank table the site uses (loaders/catalogue.ts), for "Om data": table, purpose, pages,
// variables and the assumptions about it that no real tableinfo or extract confirms.
import { catalogueForPage } from "../../loaders/catalogue/page.ts";
import { runJsonLoader } from "../../loaders/run.ts";

await runJsonLoader(async () => catalogueForPage());
