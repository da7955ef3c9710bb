import assert from "node:assert/strict";
import { test } from "node:test";
import { UNDATED, formatDate, httpUrl, isRootCategory, languageTag, text, texts } from "../lib/text.js";

test("dates read in Chinese, in China time, with the time only when the article has one", () => {
  assert.equal(formatDate("2023-03-15T22:30:00+08:00"), "2023年3月15日");
  assert.equal(formatDate("2023-03-15T22:30:00+08:00", { withTime: true }), "2023年3月15日 22:30");
  // 16:30 UTC is past midnight in China: the site's day, not the reader's.
  assert.equal(formatDate("2023-03-15T16:30:00Z"), "2023年3月16日");
  assert.equal(formatDate("2023-03-15T16:30:00Z", { timeZone: "UTC" }), "2023年3月15日");
});

test("undated and broken dates give null, so the view says 日期不详", () => {
  for (const value of [null, undefined, "", "  ", "yesterday", 42]) assert.equal(formatDate(value), null);
  assert.equal(UNDATED, "日期不详");
  assert.equal(formatDate("2023-03-15T00:00:00+08:00", { timeZone: "Not/AZone" }), "2023年3月15日");
});

test("only absolute http and https URLs are used", () => {
  assert.equal(httpUrl("https://news.example.cn/a.jpg"), "https://news.example.cn/a.jpg");
  assert.equal(httpUrl(" http://x.example/p?q=1 "), "http://x.example/p?q=1");
  for (const value of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:image/png;base64,AAAA", "/relative.jpg", "", null, {}, "vbscript:x"])
    assert.equal(httpUrl(value), null, String(value));
});

test("missing and blank fields are null; lists keep only their strings", () => {
  assert.equal(text(undefined), null);
  assert.equal(text("  "), null);
  assert.equal(text(" 标题 "), "标题");
  assert.deepEqual(texts(["首页", "", null, 3, " 教育 "]), ["首页", "教育"]);
  assert.deepEqual(texts("首页"), []);
});

test("a lang attribute takes language tags only", () => {
  assert.equal(languageTag("zh-CN"), "zh-CN");
  assert.equal(languageTag("zh"), "zh");
  assert.equal(languageTag("zh\" onload=\"x"), null);
  assert.equal(languageTag(""), null);
});

test("home-page breadcrumb levels are not categories", () => {
  assert.ok(isRootCategory("首页"));
  assert.ok(isRootCategory("Home"));
  assert.ok(!isRootCategory("本地新闻"));
});
