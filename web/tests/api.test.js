import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError, NewsApi } from "../lib/api.js";
import { describeError } from "../lib/messages.js";

/** A fetch that answers from a list of responses and records every request. */
function fakeFetch(...answers) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, headers: { ...init.headers } });
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, calls };
}

const json = (body, headers = {}, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });

test("URLs are built under the base, with only the parameters that have values", () => {
  const api = new NewsApi("https://api.example/api", { fetch: async () => {} });
  assert.equal(api.url("articles", { limit: 5, q: "公交 线路", category: "", source: null }),
    "https://api.example/api/articles?limit=5&q=%E5%85%AC%E4%BA%A4+%E7%BA%BF%E8%B7%AF");
  assert.equal(api.feedUrl({ category: "教育" }), "https://api.example/api/feed?category=%E6%95%99%E8%82%B2");
  assert.equal(new NewsApi("https://api.example/api/", { fetch: async () => {} }).url("sources"), "https://api.example/api/sources");
});

test("a slug is one path segment, whatever it contains", () => {
  const { fetch, calls } = fakeFetch(json({ id: "x" }));
  const api = new NewsApi("https://api.example/api", { fetch });
  return api.article("a/b?c-abcdefghijklm").then(() =>
    assert.equal(calls[0].url, "https://api.example/api/articles/by-slug/a%2Fb%3Fc-abcdefghijklm"));
});

test("a body is kept with its ETag; the next request is conditional and a 304 reuses the body", async () => {
  const first = { items: [{ id: "a", title: "第一篇" }], nextCursor: null, next: null };
  const { fetch, calls } = fakeFetch(json(first, { ETag: "\"v1\"" }), new Response(null, { status: 304 }));
  const api = new NewsApi("https://api.example/api", { fetch });

  assert.deepEqual(await api.articles({ limit: 5 }), first);
  const again = await api.articles({ limit: 5 });

  assert.deepEqual(again, first);
  assert.equal(calls[0].headers["If-None-Match"], undefined);
  assert.equal(calls[1].headers["If-None-Match"], "\"v1\"");
});

test("a changed resource replaces the kept body and ETag", async () => {
  const { fetch, calls } = fakeFetch(json({ v: 1 }, { ETag: "\"v1\"" }), json({ v: 2 }, { ETag: "\"v2\"" }), new Response(null, { status: 304 }));
  const api = new NewsApi("https://api.example/api", { fetch });
  await api.get("https://api.example/api/categories");
  assert.deepEqual(await api.get("https://api.example/api/categories"), { v: 2 });
  assert.deepEqual(await api.get("https://api.example/api/categories"), { v: 2 });
  assert.equal(calls[2].headers["If-None-Match"], "\"v2\"");
});

test("kept bodies are bounded: the least recently used goes first", async () => {
  const { fetch, calls } = fakeFetch(
    json(1, { ETag: "\"a\"" }), json(2, { ETag: "\"b\"" }), new Response(null, { status: 304 }), json(3, { ETag: "\"c\"" }),
    json(1, { ETag: "\"a\"" }), new Response(null, { status: 304 }));
  const api = new NewsApi("https://api.example/api", { fetch, maxKept: 2 });
  await api.get("https://api.example/a");
  await api.get("https://api.example/b");
  await api.get("https://api.example/a"); // 304: a is now the most recent
  await api.get("https://api.example/c"); // b goes
  await api.get("https://api.example/a").then(() => api.get("https://api.example/b").catch(() => {}));
  assert.equal(calls[4].headers["If-None-Match"], "\"a\"");
  assert.equal(calls[5].headers["If-None-Match"], undefined);
});

test("a problem+json answer is an ApiError with the problem; the reader is told in Chinese, with the API's words", async () => {
  const problem = {
    title: "The request has invalid parameters.",
    status: 400,
    detail: "q needs a word of at least two letters or digits (一个词至少两个字).",
    errors: { q: ["q needs a word of at least two letters or digits (一个词至少两个字)."] },
  };
  const { fetch } = fakeFetch(json(problem, { "Content-Type": "application/problem+json" }, 400));
  const api = new NewsApi("https://api.example/api", { fetch });

  const error = await api.articles({ q: "人" }).then(() => null, (e) => e);

  assert.ok(error instanceof ApiError);
  assert.equal(error.status, 400);
  assert.deepEqual(error.problem.errors, problem.errors);
  const described = describeError(error);
  assert.equal(described.heading, "请求有误");
  assert.match(described.message, /400/);
  assert.deepEqual(described.said, [
    "说明：The request has invalid parameters.",
    "搜索词（q）：q needs a word of at least two letters or digits (一个词至少两个字).",
  ]);
  assert.equal(described.retry, false);
});

test("a problem without errors shows its detail; an answer that is not JSON still has its status", async () => {
  const { fetch } = fakeFetch(
    json({ title: "Not found.", status: 404, detail: "No article has the slug 'x'." }, { "Content-Type": "application/problem+json" }, 404),
    new Response("<html>bad gateway</html>", { status: 502, headers: { "Content-Type": "text/html" } }));
  const api = new NewsApi("https://api.example/api", { fetch });

  const notFound = describeError(await api.article("x").catch((e) => e));
  const gateway = describeError(await api.article("y").catch((e) => e));

  assert.equal(notFound.heading, "没有找到");
  assert.deepEqual(notFound.said, ["说明：Not found.", "详情：No article has the slug 'x'."]);
  assert.equal(gateway.heading, "新闻服务暂时不可用");
  assert.match(gateway.message, /502/);
  assert.deepEqual(gateway.said, []);
  assert.equal(gateway.retry, true);
});

test("no answer at all (network down, CORS refused) is status 0; an abort stays an abort", async () => {
  const aborted = new DOMException("The operation was aborted.", "AbortError");
  const { fetch } = fakeFetch(new TypeError("Failed to fetch"), aborted);
  const api = new NewsApi("https://api.example/api", { fetch });

  const offline = await api.facets("sources").catch((e) => e);
  const abort = await api.facets("sources").catch((e) => e);

  assert.equal(offline.status, 0);
  assert.equal(describeError(offline).heading, "无法连接新闻服务");
  assert.equal(abort.name, "AbortError");
  assert.throws(() => api.facets("tags"), RangeError);
});

test("an API that does not answer in time is an ApiError that says so, and can be retried", async () => {
  const hanging = (url, init) => new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
  const api = new NewsApi("https://api.example/api", { fetch: hanging, timeoutMs: 20 });

  const error = await api.articles().catch((e) => e);

  assert.equal(error.name, "ApiError");
  assert.equal(error.status, 0);
  assert.equal(error.timedOut, true);
  const described = describeError(error);
  assert.equal(described.heading, "新闻服务没有及时回应");
  assert.equal(described.retry, true);
});

test("the caller's abort reaches the request and is not mistaken for a timeout", async () => {
  let seen;
  const hanging = (url, init) => new Promise((_, reject) => {
    seen = init.signal;
    init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
  });
  const api = new NewsApi("https://api.example/api", { fetch: hanging, timeoutMs: 10_000 });
  const controller = new AbortController();

  const pending = api.articles({}, { signal: controller.signal }).catch((e) => e);
  controller.abort();
  const error = await pending;

  assert.equal(error.name, "AbortError");
  assert.ok(seen.aborted);
});
