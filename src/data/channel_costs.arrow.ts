// Unit costs per channel: KL's defaults (data/digitalisering) and the municipality's own (data/enhedsomkostninger).
import { runArrowLoader } from "../../loaders/run.ts";
import { channelCosts } from "../../loaders/digitalisering/inquiries.ts";

await runArrowLoader(() => channelCosts());
