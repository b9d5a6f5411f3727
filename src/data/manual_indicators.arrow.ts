// The municipality's own indicators in data/indicators/*.csv; empty dataset when there is none.
import { toArrowIPC, writeStdout } from "../../loaders/arrow.ts";
import { manualIndicators } from "../../loaders/manualIndicators.ts";

try {
  const { columns, meta } = await manualIndicators();
  const bytes = toArrowIPC(columns, meta);
  process.stderr.write(`${meta.dataset}: ${meta.rows} rows, ${meta.status}\n`);
  for (const m of meta.missing) process.stderr.write(`  data mangler: ${m.detail}\n`);
  await writeStdout(bytes);
} catch (e) {
  process.stderr.write(`\n${(e as Error).message}\n`);
  process.exit(1);
}
