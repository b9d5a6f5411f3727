// Every StatBank table the site uses (loaders/catalogue.ts), for "Om data": table, purpose, pages,
// variables and the assumptions about it that no real tableinfo or extract confirms.
import { writeStdout } from "../../loaders/arrow.ts";
import { catalogueForPage } from "../../loaders/catalogue.ts";

await writeStdout(JSON.stringify(catalogueForPage()));
