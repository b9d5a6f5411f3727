// The council's goals (data/goals.yaml), validated against the indicator catalogue and the
// municipality's own indicators (data/indicators/*.csv); written as {owner, goals}: whose goals
// they are, and the goals.
import { defaultKnownIndicators, readGoalsFile } from "../../loaders/goals.ts";
import { manualIndicatorIds } from "../../loaders/manualIndicators.ts";
import { runJsonLoader } from "../../loaders/run.ts";

await runJsonLoader(
  async () => readGoalsFile("data/goals.yaml", defaultKnownIndicators(await manualIndicatorIds("data/indicators"))),
  (file) => `goals: ${file.goals.length} goals${file.owner ? ` of ${file.owner.name} (${file.owner.body}, ${file.owner.year})` : ", no owner"}`,
);
