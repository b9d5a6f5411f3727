// node scripts/run-loaders.mjs: run every data loader the build needs, a few at a time, into
// Framework's cache before `observable build` (loaders/cli/runLoaders.ts). Run by scripts/build.mjs
// with the build's environment; exits 1 naming the loader when one fails.
//
// Framework's modules are imported before tsx's hooks are registered: through the hooks they take
// about twice as long to load (1,6 s instead of 0,8 s, and the pages are read slower too).
await Promise.all(["config.js", "resolvers.js", "javascript/module.js", "path.js"].map((m) => import(`@observablehq/framework/dist/${m}`)));
await import("tsx/esm");
const { runBuildLoaders } = await import("../loaders/cli/runLoaders.ts");

try {
  process.exitCode = await runBuildLoaders();
} catch (e) {
  console.error(`Running the data loaders failed: ${e.message}`);
  process.exitCode = 1;
}
// Framework's modules may leave handles open; the loaders' work is done.
process.exit(process.exitCode);
