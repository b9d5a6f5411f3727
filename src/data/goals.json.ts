// The council's goals (data/goals.yaml), validated against the StatBank indicators and the
// municipality's own indicators (data/indicators/*.csv); written as {owner, goals}: whose goals
// they are, and the goals.
import { writeStdout } from "../../loaders/arrow.ts";
import { defaultKnownIndicators, readGoalsFile } from "../../loaders/goals.ts";
import { manualIndicatorIds } from "../../loaders/manualIndicators.ts";

try {
  const file = await readGoalsFile("data/goals.yaml", defaultKnownIndicators(await manualIndicatorIds("data/indicators")));
  process.stderr.write(`goals: ${file.goals.length} goals${file.owner ? ` of ${file.owner.name} (${file.owner.body}, ${file.owner.year})` : ", no owner"}\n`);
  await writeStdout(JSON.stringify(file));
} catch (e) {
  process.stderr.write(`\n${(e as Error).message}\n`);
  process.exit(1);
}
