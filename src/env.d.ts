// Types for modules that Observable Framework provides at build time, or that ship without types.

declare module "observablehq:stdlib" {
  export interface FileAttachmentHandle {
    readonly name: string;
    readonly href: string;
    readonly mimeType: string;
    arrayBuffer(): Promise<ArrayBuffer>;
    text(): Promise<string>;
    json(): Promise<any>;
    blob(): Promise<Blob>;
    url(): Promise<string>;
  }
  export function FileAttachment(name: string): FileAttachmentHandle;
}

declare module "htl" {
  type Html = (strings: TemplateStringsArray, ...values: unknown[]) => any;
  export const html: Html;
  export const svg: Html;
}

// flechette's decoder alone (src/components/data.ts): the package has no "exports" map, so the
// file is reachable by its path, and its types are the package's own.
declare module "@uwdata/flechette/src/decode/table-from-ipc.js" {
  export { tableFromIPC } from "@uwdata/flechette";
}
