import { runPartitionedLoader } from "../../../loaders/run.ts";
import { indicatorSliceContext, indicators } from "../../../loaders/tables/indicators.ts";
import { neighboursDataset, readGeography } from "../../../loaders/geo.ts";

// each municipality's file also has its neighbours' rows (the scorecard compares goals with the neighbours)
await runPartitionedLoader(indicators, "area", async (columns) => indicatorSliceContext(columns, neighboursDataset(await readGeography())));
