// The fingerprint of the shipped example survey's rows (data/survey/eksempel.csv), computed at build
// by surveyFileFingerprint (src/lib/survey/fingerprint.ts). The page passes it to importSurvey,
// which computes the same of an uploaded file: a copy of the example is labelled "Eksempeldata"
// under any file name, and no other file is. Independent of the schema, so a municipality's own
// schema.json never breaks it.
import { readFile } from "node:fs/promises";
import { writeStdout } from "../../../loaders/arrow.ts";
import { surveyFileFingerprint } from "../../lib/survey/fingerprint.ts";

await writeStdout(JSON.stringify({ fingerprint: surveyFileFingerprint(await readFile("data/survey/eksempel.csv")) }));
