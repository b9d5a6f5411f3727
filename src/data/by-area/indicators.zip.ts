import { runPartitionedLoader } from "../../../loaders/run.ts";
import { indicators } from "../../../loaders/tables/indicators.ts";
import { indicatorSliceContext } from "../../../loaders/tables/indicators.ts";
import { neighboursDataset, readGeography } from "../../../loaders/geo.ts";

// each municipality's file also has its neighbours' rows (the scorecard compares goals with the neighbours)
// (the builder is imported on a line of its own: test/loaders/missing-source.test.ts finds the thin loaders by it)
await runPartitionedLoader(indicators, "area", async (columns) => indicatorSliceContext(columns, neighboursDataset(await readGeography())));
