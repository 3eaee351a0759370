// Builds the site's Pagefind index with Pagefind's own Node API (run by generator/build/search_index.py).
//
//   node pagefind_index.mjs NODE_MODULES < job.json > result.json
//
// job.json: {"site": DIR, "config": {createIndex options}, "records": [custom records]}.
// Prints one JSON object: {"version", "binary", "pages", "records", "errors"}; exit 1 when
// anything failed. The binary is the one of @pagefind/<platform>-<arch>, or PAGEFIND_BINARY_PATH.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const nodeModules = process.argv[2];
const lib = (file) => pathToFileURL(path.join(nodeModules, "pagefind", "lib", file)).href;
const out = { version: "", binary: "", pages: 0, records: 0, errors: [] };

try {
  const job = JSON.parse(readFileSync(0, "utf-8"));
  const { resolveBinaryPath } = await import(lib("resolveBinary.js"));
  out.binary = resolveBinaryPath(["pagefind_extended", "pagefind"]);
  const version = spawnSync(out.binary, ["--version"], { encoding: "utf-8" });
  out.version = (version.stdout || "").trim().replace(/^pagefind\s+/, "");
  if (job.expectVersion && out.version !== job.expectVersion) {
    out.errors.push(`version ${out.version || "?"} at ${out.binary}, expected ${job.expectVersion}`);
  } else {
    const pagefind = await import(lib("index.js"));
    const { index, errors } = await pagefind.createIndex(job.config);
    out.errors.push(...errors);
    if (index) {
      const added = await index.addDirectory({ path: job.site });
      out.errors.push(...added.errors);
      out.pages = added.page_count;
      for (const record of job.records) {
        const result = await index.addCustomRecord(record);
        out.errors.push(...result.errors);
        if (!result.errors.length) out.records += 1;
      }
      const written = await index.writeFiles({ outputPath: path.join(job.site, "pagefind") });
      out.errors.push(...written.errors);
    }
    await pagefind.close();
  }
} catch (error) {
  out.errors.push(String((error && error.stack) || error));
}
process.stdout.write(JSON.stringify(out) + "\n");
process.exit(out.errors.length ? 1 : 0);
