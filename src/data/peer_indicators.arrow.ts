// The indicators behind the peers (loaders/peers.ts): value, z-score and weight per municipality.
import { runArrowLoader } from "../../loaders/run.ts";
import { peerIndicators } from "../../loaders/peers.ts";

await runArrowLoader(peerIndicators);
