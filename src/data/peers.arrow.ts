// Lignende kommuner (loaders/peers.ts): each municipality's k most similar, from data/lignende-kommuner.yaml.
import { runArrowLoader } from "../../loaders/run.ts";
import { peers } from "../../loaders/peers.ts";

await runArrowLoader(peers);
