/**
 * A local server that answers like api.statbank.dk, for the command-line tests: the recorded
 * STRAF42 tableinfo (shared/statbank-api), the API's error JSON for any other table, a short
 * table list, and a BULK answer written by hand in the API's format (BOM, CRLF) for /data.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { sharedDir } from "../paths.ts";

/** Run `fn` with the server's base URL (…/v1) and the bodies of the /data requests it received. */
export async function withApi<T>(fn: (url: string, dataBodies: unknown[]) => Promise<T>): Promise<T> {
  const dataBodies: unknown[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    const body = JSON.parse(text || "{}");
    if (req.url === "/v1/tableinfo" && String(body.table).toUpperCase() === "STRAF42") {
      res.writeHead(200, { "content-type": "text/json; charset=utf-8" });
      res.end(readFileSync(join(sharedDir, "statbank-api", "table_info_straf42_da.body")));
    } else if (req.url === "/v1/tableinfo") {
      res.writeHead(400, { "content-type": "text/json; charset=utf-8" });
      res.end(JSON.stringify({ errorTypeCode: "EXTRACT-NOTFOUND", message: `Tabellen ${body.table} blev ikke fundet` }));
    } else if (req.url === "/v1/tables") {
      res.writeHead(200, { "content-type": "text/json; charset=utf-8" });
      res.end(JSON.stringify([{ id: "STRAF42" }, { id: "STRAF40" }, { id: "FOLK1A" }]));
    } else if (req.url === "/v1/data") {
      dataBodies.push(body);
      res.writeHead(200, { "content-type": "text/csv; charset=utf-8" });
      res.end("\uFEFFHERKOMST1;OVERTRÆD;AFGØRELSE;ALDER;KØN;TID;INDHOLD\r\n00;TOT;000;TOT;TOT;2023;233454\r\n80;TOT;000;TOT;TOT;2023;..\r\n");
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  try {
    return await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, dataBodies);
  } finally {
    await new Promise<void>((ok) => server.close(() => ok()));
  }
}
