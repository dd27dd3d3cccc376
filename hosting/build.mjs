// Builds hosting/dist: static pages from public/, bundled scripts from src/.
// Usage: node hosting/build.mjs
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const entryPoints = {
  widget: join(here, "src/widget/widget.js"),
  admin: join(here, "src/admin/admin.js"),
  "manage/app": join(here, "src/manage/manage.js"),
  "mailbox/app": join(here, "src/mailbox/mailbox.js"),
  "payment/app": join(here, "src/payment/payment.js"),
  "waitlist/app": join(here, "src/waitlist/waitlist.js"),
  "staff/app": join(here, "src/staff/app.js"),
  "unsubscribe/app": join(here, "src/unsubscribe/unsubscribe.js"),
};

mkdirSync(dist, { recursive: true });
cpSync(join(here, "public"), dist, { recursive: true });

await build({
  entryPoints,
  outdir: dist,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  logLevel: "warning",
});

const sizes = {};
for (const name of Object.keys(entryPoints)) {
  const bytes = readFileSync(join(dist, `${name}.js`));
  sizes[`${name}_js_gzip_kb`] = +(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(2);
}
writeFileSync(join(dist, "build-sizes.json"), JSON.stringify(sizes, null, 2));
console.log("hosting built:", JSON.stringify(sizes));
