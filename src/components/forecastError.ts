/**
 * Forecast error per year and age group: error = actual − forecast (persons; positive: more
 * residents than forecast, the sign the scorecard's forecast goal uses too) and the absolute
 * percentage error |actual − forecast| / actual · 100, for every year and group both have.
 */
export interface ForecastPoint {
  year: number;
  age_group: string;
  population: number;
}

export interface ForecastError {
  year: number;
  age_group: string;
  actual: number;
  forecast: number;
  error: number;
  ape: number;
}

export function forecastErrors(actual: readonly ForecastPoint[], forecast: readonly ForecastPoint[]): ForecastError[] {
  const truth = new Map(actual.map((d) => [`${d.year}|${d.age_group}`, d.population]));
  return forecast
    .filter((f) => truth.has(`${f.year}|${f.age_group}`) && truth.get(`${f.year}|${f.age_group}`)! > 0)
    .map((f) => {
      const a = truth.get(`${f.year}|${f.age_group}`)!;
      return { year: f.year, age_group: f.age_group, actual: a, forecast: f.population, error: a - f.population, ape: (100 * Math.abs(f.population - a)) / a };
    })
    .sort((x, y) => x.year - y.year || x.age_group.localeCompare(y.age_group));
}

/** Mean absolute percentage error over a set of errors (null when empty). */
export function mape(errors: readonly ForecastError[]): number | null {
  return errors.length ? errors.reduce((s, e) => s + e.ape, 0) / errors.length : null;
}
