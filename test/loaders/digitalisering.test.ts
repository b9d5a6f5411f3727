/**
 * The digitalisation files (data/henvendelser, data/enhedsomkostninger, data/digital-post,
 * data/digital-post-fritagelser, data/projekter, data/digitalisering): every schema's problems
 * named by file, line and column (the project's examples pass), the KL defaults and the 32
 * projects as copied from the reference, and the scorecard's three indicators read from the same
 * files with the figures the example indicator file used to hold.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { channelCosts, inquiries, parseInquiries, parseKlCosts, parseUnitCosts } from "../../loaders/digitalisering/inquiries.ts";
import { digitalLetters, parseExemptions, parseLetters, postExemptions } from "../../loaders/digitalisering/digitalPost.ts";
import { digitalProjects, parseCatalogue, parseProjectStatus, projectStatus, readCatalogue } from "../../loaders/digitalisering/projects.ts";
import { withDigitalIndicators } from "../../loaders/digitalisering/indicators.ts";
import { manualIndicators } from "../../loaders/manualIndicators.ts";
import { formatProblem, type CsvFileError } from "../../loaders/csvFile.ts";
import { annualSeries } from "../../src/lib/goals/series.ts";
import { isExampleData } from "../../src/lib/example.ts";
import { rows } from "../helpers.ts";
import { projectRoot } from "../paths.ts";

const at = (dir: string) => join(projectRoot, "data", dir);

/** The problems `parse` throws, as "file, line n, column c (name): message". */
function problems(parse: () => unknown): string[] {
  try {
    parse();
  } catch (e) {
    return (e as CsvFileError).problems.map(formatProblem);
  }
  throw new Error("no problem found");
}

describe("the project's example and default files pass and are marked", () => {
  it("inquiries, unit costs, letters, exemptions, projects", async () => {
    for (const ds of [await inquiries(at("henvendelser")), await digitalLetters(at("digital-post")), await postExemptions(at("digital-post-fritagelser"))]) {
      expect(ds.meta.status, ds.meta.dataset).toBe("ok");
      expect(isExampleData(ds.meta), ds.meta.dataset).toBe(true);
    }
    const status = await projectStatus(at("projekter"), join(at("digitalisering"), "digitaliseringsprojekter-2011-2015.csv"));
    expect(isExampleData(status.meta)).toBe(true);
    expect(new Set(status.columns.date.values)).toEqual(new Set(["2014-03-03", "2014-09-01", "2014-12-01"]));
    const costs = await channelCosts(join(at("digitalisering"), "kanal-enhedsomkostninger-KL.csv"), at("enhedsomkostninger"));
    expect(isExampleData(costs.meta)).toBe(false);
  });

  it("KL's unit costs are the reference's, paired with the channels in the documents' order", async () => {
    const file = join(at("digitalisering"), "kanal-enhedsomkostninger-KL.csv");
    expect(readFileSync(file, "utf8")).toBe(readFileSync("/work/shared/reference/kanal-enhedsomkostninger-KL.csv", "utf8"));
    const kl = parseKlCosts(readFileSync(file, "utf8"), file);
    expect(Object.fromEntries(kl.map((r) => [r.channel, r.kr]))).toEqual({
      fremmoede: 97,
      papirpost: 93,
      email: 84,
      telefon: 61,
      papirblanket: 91,
      selvbetjening: 41,
      selvbetjening_integration: 21,
    });
  });

  it("the catalogue: the 32 projects in six areas", async () => {
    const catalogue = await readCatalogue(join(at("digitalisering"), "digitaliseringsprojekter-2011-2015.csv"));
    expect(catalogue).toHaveLength(32);
    expect(new Set(catalogue.map((p) => p.group)).size).toBe(6);
    expect(catalogue.find((p) => p.id === "1.4")?.name).toBe('Kommunalt indhold på "min side" på borger.dk');
    const ds = await digitalProjects(join(at("digitalisering"), "digitaliseringsprojekter-2011-2015.csv"));
    expect(ds.meta.rows).toBe(32);
  });
});

describe("validation names file, line, column and value", () => {
  it("inquiries", () => {
    const text = [
      "kommune;periode;kanal;henvendelser;loest_ved_foerste_kontakt",
      "260;2015;telefon;100;80",
      "260;2015;fax;10;",
      "0260;2015K5;email;1.234;",
      "260;2015;selvbetjening;5;6",
      "260;2015;telefon;7;",
    ].join("\n");
    expect(problems(() => parseInquiries(text, "h.csv"))).toEqual([
      'h.csv, line 3, column 3 (kanal): unknown channel "fax"; expected one of fremmoede, papirpost, email, telefon, papirblanket, selvbetjening, selvbetjening_integration',
      'h.csv, line 4, column 1 (kommune): "0260" looks like a 4-digit DAGI code; use StatBank\'s 3-digit code 260',
      'h.csv, line 4, column 2 (periode): unknown period "2015K5"; expected a year (2014), a month (2014-05) or a quarter (2014K2)',
      'h.csv, line 4, column 4 (henvendelser): "1.234" is not an integer (write it without a thousands separator)',
      "h.csv, line 5, column 5 (loest_ved_foerste_kontakt): 6 resolved at first contact is more than the 5 inquiries",
      "h.csv, line 6: duplicate 260;2015;telefon; (kommune;periode;kanal;omraade), also on line 2",
    ]);
  });

  it("unit costs (the municipality's own, and KL's file)", () => {
    const own = ["kommune;kanal;kr_pr_henvendelse;kilde", "420;telefon;58,5;Tidsregistrering", "420;brevdue;10;x", "420;email;-3;x", "420;fremmoede;90;"].join(
      "\n",
    );
    expect(problems(() => parseUnitCosts(own, "k.csv"))).toEqual([
      'k.csv, line 3, column 2 (kanal): unknown channel "brevdue"; expected one of fremmoede, papirpost, email, telefon, papirblanket, selvbetjening, selvbetjening_integration',
      'k.csv, line 4, column 3 (kr_pr_henvendelse): "-3" is not an amount in kr (digits with a decimal comma, 0 or more, e.g. 61 or 20,5)',
      "k.csv, line 5, column 4 (kilde): say where the figure comes from (e.g. Økonomi, tidsregistrering 2015)",
    ]);
    expect(parseUnitCosts(own.split("\n").slice(0, 2).join("\n"), "k.csv").rows[0]).toMatchObject({ area: "420", channel: "telefon", kr: 58.5 });
    expect(problems(() => parseKlCosts("kanal;kr_pr_henvendelse\nTelefonisk henvendelse;61\nBrevdue;5\n", "kl.csv"))[0]).toBe(
      'kl.csv, line 3, column 1 (kanal): unknown channel "Brevdue"; expected one of Personligt fremmøde, Papirpost (alm. brev), E-mail og digital post, Telefonisk henvendelse, Papirblanket (modtaget via e-mail el. papirpost), Selvbetjening uden integration til fagsystem, Selvbetjening med integration til fagsystem',
    );
  });

  it("letters", () => {
    const text = ["kommune;periode;digitale_breve;papirbreve", "260;2015;800;200", "260;2015;1;1", "260;2016;;5", "abc;2016;5;2,5"].join("\n");
    expect(problems(() => parseLetters(text, "d.csv"))).toEqual([
      "d.csv, line 3: duplicate 260;2015 (kommune;periode), also on line 2",
      "d.csv, line 4, column 3 (digitale_breve): the count is empty; write 0 or more",
      `d.csv, line 5, column 1 (kommune): "abc" is not a municipality code; use StatBank's 3-digit code such as 260`,
      'd.csv, line 5, column 4 (papirbreve): "2,5" is not a whole number',
    ]);
  });

  it("exemptions: only May, September and December; known outcomes", () => {
    const text = [
      "kommune;periode;aarsag;udfald;ansoegninger",
      "260;2015-05;sprog;bevilget;4",
      "260;2015-06;sprog;bevilget;4",
      "260;2015-09;sprog;godkendt;4",
      "260;2015-09;;afslaaet;4",
      "260;2015-12;i alt;afslaaet;4",
    ].join("\n");
    expect(problems(() => parseExemptions(text, "f.csv"))).toEqual([
      'f.csv, line 3, column 2 (periode): "2015-06" is not a reporting period; write the year and the month of the report: 2015-05, 2015-09, 2015-12',
      'f.csv, line 4, column 4 (udfald): unknown outcome "godkendt"; expected bevilget or afslaaet',
      "f.csv, line 5, column 3 (aarsag): the reason is empty",
      'f.csv, line 6, column 3 (aarsag): "i alt" is not a reason; the page adds the totals itself',
    ]);
  });

  it("project status: unknown project ids and statuses, bad dates and lead flags", () => {
    const catalogue = parseCatalogue(
      "id;omraade;projekt\n1.1;Digital borgerbetjening;Obligatorisk digital service\n1.2;Digital borgerbetjening;Effektiv digital selvbetjening\n",
      "c.csv",
    );
    const text = [
      "kommune;dato;projekt;status;ansvarlig;kombit_kl;note",
      "420;2014-03-03;1.1;grøn;Borgerservice;ja;",
      "420;2014-03-03;7.1;gul;;nej;",
      "420;2014-03-03;1.2;blå;;nej;",
      "420;2014-02-30;1.2;rød;;måske;",
    ].join("\n");
    expect(problems(() => parseProjectStatus(text, "p.csv", catalogue))).toEqual([
      'p.csv, line 3, column 3 (projekt): unknown project "7.1"; the catalogue (data/digitalisering/digitaliseringsprojekter-2011-2015.csv) has 1.1, 1.2',
      'p.csv, line 4, column 4 (status): unknown status "blå"; expected grøn, gul, rød',
      'p.csv, line 5, column 2 (dato): "2014-02-30" is not a date; write the report\'s date as 2014-03-03',
      'p.csv, line 5, column 6 (kombit_kl): "måske": write ja or nej (or leave it empty)',
    ]);
    expect(parseProjectStatus(text.split("\n").slice(0, 2).join("\n"), "p.csv", catalogue).rows[0]).toMatchObject({
      project: "1.1",
      status: "grøn",
      kombit_kl: 1,
      owner: "Borgerservice",
      note: null,
    });
    expect(problems(() => parseCatalogue("id;omraade;projekt\n1.1;A;x\nx;A;y\n1.1;A;z\n", "c.csv"))).toEqual([
      'c.csv, line 3, column 1 (id): "x" is not a project id such as 1.2',
      "c.csv, line 4, column 1 (id): duplicate project id 1.1, also on line 2",
    ]);
  });
});

describe("the scorecard's digitalisation indicators come from the page's files", () => {
  const dirs = { letters: at("digital-post"), inquiries: at("henvendelser"), exemptions: at("digital-post-fritagelser") };

  it("give the series the example indicator file held (Halsnæs 2011–2024)", async () => {
    const manual = await manualIndicators(at("indicators"));
    const ds = await withDigitalIndicators(manual, dirs);
    const all = rows(ds) as { indicator: string; area: string; period: string; year: number; breakdown: string | null; value: number; unit: string }[];
    const post = all.filter((r) => r.indicator === "digital_post_share");
    expect(post.map((r) => r.year)).toEqual(Array.from({ length: 14 }, (_, i) => 2011 + i));
    expect(post.find((r) => r.year === 2011)).toMatchObject({ value: 22, unit: "%", breakdown: null });
    expect(post.find((r) => r.year === 2015)?.value).toBe(81.4);
    const self = all.filter((r) => r.indicator === "digital_selfservice_share");
    expect(self.find((r) => r.year === 2012)?.value).toBe(24.5);
    expect(self.find((r) => r.year === 2015)?.value).toBe(47.6);
    // exemptions: one total per report; the goal's yearly sum as before (2015: 35 + 64 + 69)
    const exemptions = all.filter((r) => r.indicator === "digital_post_exemptions");
    expect(exemptions.filter((r) => r.year === 2015).map((r) => [r.period, r.value])).toEqual([
      ["2015-05", 76],
      ["2015-09", 64],
      ["2015-12", 69],
    ]);
    expect(annualSeries(all, "digital_post_exemptions", "260", "sum")[0]).toMatchObject({ year: 2015, value: 76 + 64 + 69 });
    expect(isExampleData(ds.meta)).toBe(true);
    expect(ds.meta.rows).toBe(manual.meta.rows + 14 + 14 + 31);
  });

  it("refuses the same indicator typed into data/indicators as well", async () => {
    const dir = mkdtempSync(join(tmpdir(), "indicators-"));
    writeFileSync(join(dir, "egne.csv"), "indikator;kommune;periode;opdeling;vaerdi;enhed;note\ndigital_post_share;260;2014;;60;%;\n");
    const e = await withDigitalIndicators(await manualIndicators(dir), dirs).catch((x: unknown) => x as Error);
    expect((e as Error).message).toMatch(/^data\/indicators: digital_post_share is computed from data\/digital-post\/\*\.csv/);
  });

  it("leaves the manual indicators as they are without the files", async () => {
    const manual = await manualIndicators(at("indicators"));
    const none = join(tmpdir(), "no-such-digital-dir");
    expect(await withDigitalIndicators(manual, { letters: none, inquiries: none, exemptions: none })).toBe(manual);
  });
});
