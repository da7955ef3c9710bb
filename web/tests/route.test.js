import assert from "node:assert/strict";
import { test } from "node:test";
import { firstPage, formatRoute, listQuery, nextRoute, parseRoute } from "../lib/route.js";

test("an empty fragment is the newest articles", () => {
  for (const hash of ["", "#", "#/"]) assert.deepEqual(parseRoute(hash), { view: "list" });
});

test("fragments that are not routes belong to the page (a skip link)", () => {
  assert.equal(parseRoute("#main"), null);
  assert.equal(parseRoute("#news"), null);
});

test("routes survive a round trip through the fragment, Chinese and reserved characters included", () => {
  const routes = [
    { view: "list", category: "本地新闻" },
    { view: "list", q: "夜间 公交&x=1#y", source: "河畔日报" },
    { view: "list", category: "教育", cursor: "MToyNTE2+/=", page: 3 },
    { view: "article", slug: "河畔新区开通首条夜间公交线路-abcdefghijklm" },
    { view: "article", slug: "a/b?c#d%e" },
  ];
  for (const route of routes) assert.deepEqual(parseRoute(formatRoute(route)), route);
});

test("a page number without a cursor, or below 2, is dropped", () => {
  assert.deepEqual(parseRoute("#/?page=4"), { view: "list" });
  assert.deepEqual(parseRoute("#/?cursor=abc&page=1"), { view: "list", cursor: "abc" });
  assert.deepEqual(parseRoute("#/?cursor=abc&page=x"), { view: "list", cursor: "abc" });
});

test("an article fragment without a slug, or with broken escapes, falls back to the list", () => {
  assert.deepEqual(parseRoute("#/article/"), { view: "list" });
  assert.deepEqual(parseRoute("#/article/%E4%ZZ"), { view: "list" });
});

test("the next page is the one the API's next link names, one page further", () => {
  const next = "https://api.example/api/articles?limit=5&category=%E6%95%99%E8%82%B2&cursor=MTo%2BYQ%3D%3D";
  assert.deepEqual(nextRoute(next, { view: "list", category: "教育" }), { view: "list", category: "教育", cursor: "MTo+YQ==", page: 2 });
  assert.equal(nextRoute(next, { view: "list", cursor: "x", page: 2 }).page, 3);
  assert.equal(nextRoute(null, { view: "list" }), null);
  assert.equal(nextRoute("not a url", { view: "list" }), null);
  assert.equal(nextRoute("https://api.example/api/articles?limit=5", { view: "list" }), null);
});

test("the first page keeps the filter and drops the paging; the query has only what the API takes", () => {
  const route = { view: "list", q: "公交", cursor: "c", page: 2 };
  assert.deepEqual(firstPage(route), { view: "list", q: "公交" });
  assert.deepEqual(listQuery(route), { q: "公交", cursor: "c" });
});
