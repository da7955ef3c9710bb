import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";

// Articles are third-party content: no module of the front end may turn a string into markup.
const HTML_SINKS = ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "DOMParser", "createContextualFragment", "srcdoc"];

test("no module of web/lib parses HTML from a string", () => {
  const folder = new URL("../lib/", import.meta.url);
  const files = readdirSync(folder).filter((name) => name.endsWith(".js"));
  assert.ok(files.length >= 6, "the modules were not found");
  for (const name of [...files.map((f) => `lib/${f}`), "news.js"]) {
    const code = readFileSync(new URL(`../${name}`, import.meta.url), "utf8")
      .split("\n").filter((line) => !line.trim().startsWith("//") && !line.trim().startsWith("*")).join("\n");
    for (const sink of HTML_SINKS) assert.ok(!code.includes(sink), `${name} uses ${sink}`);
  }
});
