// Copies the pinned GOV.UK Frontend build into static files Django (WhiteNoise) serves.
// The published CSS points at /assets/...; we rewrite those to paths relative to the CSS file so
// Django's manifest storage can fingerprint them and the site can live under any STATIC_URL.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const target = join(root, "frontend", "build", "govuk");

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
cpSync(join(source, "assets"), join(target, "assets"), { recursive: true });
// Source maps are not shipped, so their references go too (manifest storage would fail on them).
const withoutSourceMap = (text) => text.replace(/\/[*/]# sourceMappingURL=.*?(\*\/|$)/m, "");
writeFileSync(
  join(target, "govuk-frontend.min.js"),
  withoutSourceMap(readFileSync(join(source, "govuk-frontend.min.js"), "utf8")),
);

const css = readFileSync(join(source, "govuk-frontend.min.css"), "utf8")
  .replaceAll("url(/assets/", "url(assets/");
writeFileSync(join(target, "govuk-frontend.min.css"), withoutSourceMap(css));
console.log(`GOV.UK Frontend copied to ${target}`);
