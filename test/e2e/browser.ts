/**
 * Helpers for end-to-end tests and screenshots: a static server for the built site on
 * 127.0.0.1 (clean URLs like Framework's), and headless Chromium that records console errors
 * and every request that would leave localhost (and blocks it).
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".arrow": "application/vnd.apache.arrow.file",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".sql": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".pdf": "application/pdf",
};

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

export async function serveDir(root: string): Promise<StaticSite> {
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const safe = normalize(path).replace(/^(\.\.[/\\])+/, "");
    const candidates = safe.endsWith("/") ? [join(root, safe, "index.html")] : [join(root, safe), join(root, `${safe}.html`)];
    for (const file of candidates) {
      const s = await stat(file).catch(() => null);
      if (s?.isFile()) {
        const type = TYPES[extname(file)] ?? "application/octet-stream";
        // "Range: bytes=a-b" as static hosts answer it (206 and the bytes asked for); the pages
        // read a dataset's schema from its first bytes this way
        const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
        if (range && s.size > 0 && Number(range[1]) < s.size) {
          const start = Number(range[1]);
          const end = Math.min(range[2] ? Number(range[2]) : s.size - 1, s.size - 1);
          res.writeHead(206, {
            "content-type": type,
            "content-length": end - start + 1,
            "content-range": `bytes ${start}-${end}/${s.size}`,
            "accept-ranges": "bytes",
          });
          createReadStream(file, { start, end }).pipe(res);
          return;
        }
        res.writeHead(200, { "content-type": type, "content-length": s.size, "accept-ranges": "bytes" });
        createReadStream(file).pipe(res);
        return;
      }
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end(`not found: ${path}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  /** Requests to anything but the local server (blocked). */
  externalRequests: string[];
  /** Every request URL, in order. */
  requests: string[];
}

export async function openPage(browser: Browser, siteUrl: string, viewport = { width: 1280, height: 900 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, locale: "da-DK", acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const externalRequests: string[] = [];
  const requests: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => consoleErrors.push(`pageerror: ${err.message}`));
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(siteUrl) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    externalRequests.push(url);
    return route.abort();
  });
  return { page, consoleErrors, externalRequests, requests };
}
