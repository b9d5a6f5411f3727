// The municipality's own adopted population forecast in data/forecasts/*.csv; empty dataset when there is none.
import { runArrowLoader } from "../../loaders/run.ts";
import { adoptedForecast } from "../../loaders/tables/forecast.ts";

await runArrowLoader(() => adoptedForecast());
