/**
 * The municipality selector every page uses: all 98 municipalities grouped by region, the choice
 * kept in the URL (?kommune=260; left out when it is the site's default) and carried on to the
 * other pages' links, so a shared link opens the same municipality.
 */
import { html } from "htl";
import { prefetchAreas } from "./data.js";

import type { Municipality, MunicipalityList } from "../lib/types.js";
export type { Municipality, MunicipalityList };

import type { SiteSettings } from "../lib/types.js";
export type { SiteSettings };

/** The municipality named by ?kommune= if it is one of the 98, else the default; plus a notice for a bad code. */
export function initialKommune(list: MunicipalityList, settings: SiteSettings, search = location.search): { code: string; notice: string | null } {
  const requested = new URLSearchParams(search).get("kommune");
  const known = new Set(list.municipalities.map((m) => m.code));
  if (requested && known.has(requested)) return { code: requested, notice: null };
  const fallback = known.has(settings.defaultKommune) ? settings.defaultKommune : list.municipalities[0].code;
  const name = list.municipalities.find((m) => m.code === fallback)?.name ?? fallback;
  return {
    code: fallback,
    notice: requested ? `Kommunekoden ${JSON.stringify(requested)} findes ikke; viser ${name}.` : null,
  };
}

/** Put the municipality into the URL without reloading, writing only what differs from the default. */
export function writeKommuneToUrl(code: string, settings: SiteSettings): void {
  const url = new URL(location.href);
  if (code === settings.defaultKommune) url.searchParams.delete("kommune");
  else url.searchParams.set("kommune", code);
  history.replaceState(history.state, "", url);
  carryToLinks(code, settings);
}

/** Internal links (sidebar, pager, text) keep the chosen municipality. */
function carryToLinks(code: string, settings: SiteSettings): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    const href = a.getAttribute("href")!;
    if (/^[a-z]+:/i.test(href) || href.startsWith("#") || href.startsWith("//")) continue;
    if (/\.(arrow|csv|json|png|svg|pdf|sql)$/i.test(href.split("?")[0])) continue;
    const url = new URL(href, location.href);
    if (code === settings.defaultKommune) url.searchParams.delete("kommune");
    else url.searchParams.set("kommune", code);
    a.setAttribute("href", url.pathname + url.search + url.hash);
  }
}

let counter = 0;

/** A labelled <select> with one <optgroup> per region; its `value` is the municipality code. */
export function kommuneSelect(list: MunicipalityList, settings: SiteSettings): HTMLElement & { value: string } {
  const { code, notice } = initialKommune(list, settings);
  const id = `kommune-select-${++counter}`;
  const select = html`<select id=${id} name="kommune">
    ${list.regions.map(
      (r) => html`<optgroup label=${r.name}>
        ${list.municipalities.filter((m) => m.regionCode === r.code).map((m) => html`<option value=${m.code} selected=${m.code === code}>${m.name}</option>`)}
      </optgroup>`,
    )}
  </select>` as HTMLSelectElement;
  const form = html`<form class="kommune-picker" onsubmit=${(e: Event) => e.preventDefault()}>
    <label for=${id}>Kommune</label>
    ${select}
    ${notice ? html`<p class="notice" role="status">${notice}</p>` : null}
  </form>` as HTMLFormElement & { value: string };
  form.value = code;
  select.addEventListener("change", () => {
    form.value = select.value;
    writeKommuneToUrl(select.value, settings);
    form.dispatchEvent(new Event("input", { bubbles: true }));
  });
  select.addEventListener("input", (e) => e.stopPropagation());
  // A planner reaching for the picker is about to switch: fetch this page's per-municipality files
  // for the municipalities next to the chosen one in the list (the arrow keys step through it).
  const warm = () => {
    const codes = [...select.options].map((o) => o.value);
    const i = codes.indexOf(select.value);
    prefetchAreas([codes[i - 1], codes[i + 1]].filter((c): c is string => c !== undefined));
  };
  select.addEventListener("focus", warm);
  select.addEventListener("pointerenter", warm);
  // after a switch, once the page has drawn the new municipality: decoding the neighbours' files
  // while the cards redraw would slow the switch itself
  select.addEventListener("change", () => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(warm, { timeout: 2000 });
    else setTimeout(warm, 300);
  });
  queueMicrotask(() => writeKommuneToUrl(code, settings));
  return form;
}

export function kommuneName(list: MunicipalityList, code: string): string {
  return list.municipalities.find((m) => m.code === code)?.name ?? code;
}
