/**
 * Site settings the municipality owns, in data/site.json: the title, the municipality a page
 * opens with, and the baseline year the goals compare with. Validated with messages that name
 * the file and the field.
 */
import { readFile } from "node:fs/promises";
import type { SiteSettings } from "../src/lib/types.ts";

export type { SiteSettings };

export async function readSiteSettings(path = "data/site.json"): Promise<SiteSettings> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  const s = raw as Partial<SiteSettings>;
  if (typeof s.title !== "string" || s.title.trim() === "") throw new Error(`${path}: "title" must be a non-empty string`);
  if (typeof s.defaultKommune !== "string" || !/^\d{3}$/.test(s.defaultKommune)) {
    throw new Error(`${path}: "defaultKommune" must be a 3-digit StatBank municipality code such as "260", got ${JSON.stringify(s.defaultKommune)}`);
  }
  if (typeof s.baselineYear !== "number" || !Number.isInteger(s.baselineYear) || s.baselineYear < 2006) {
    throw new Error(`${path}: "baselineYear" must be a year from 2006 on, got ${JSON.stringify(s.baselineYear)}`);
  }
  return { title: s.title, defaultKommune: s.defaultKommune, baselineYear: s.baselineYear };
}
