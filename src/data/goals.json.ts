// The council's goals (data/goals.yaml), validated against the StatBank indicators and the
// municipality's own indicators (data/indicators/*.csv); written as a JSON array of goals.
import { writeStdout } from "../../loaders/arrow.ts";
import { defaultKnownIndicators, readGoals } from "../../loaders/goals.ts";
import { manualIndicatorIds } from "../../loaders/manualIndicators.ts";

try {
  const goals = await readGoals("data/goals.yaml", defaultKnownIndicators(await manualIndicatorIds("data/indicators")));
  process.stderr.write(`goals: ${goals.length} goals\n`);
  await writeStdout(JSON.stringify(goals));
} catch (e) {
  process.stderr.write(`\n${(e as Error).message}\n`);
  process.exit(1);
}
