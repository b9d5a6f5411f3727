import { runJsonLoader } from "../../loaders/run.ts";
import { readGeography } from "../../loaders/geo.ts";
import { simplifyTopology } from "../../loaders/simplify.ts";

// About 150 m (0.0013°) of tolerance: invisible on a map of Denmark a page wide, and a few times fewer points to project on every redraw.
await runJsonLoader(async () => simplifyTopology((await readGeography()).topology, 0.0013));
