// The views, built from API JSON with createElement and text nodes only (see dom.js). Each returns a fresh
// element; the app swaps it in and moves focus to its `.nf-focus` heading when the reader changed the view.
// Every field may be missing: third-party pages lack dates, sources, authors, images, even bodies.

import { h, srOnly, uniqueId } from "./dom.js";
import { describeError } from "./messages.js";
import { firstPage, formatRoute, nextRoute } from "./route.js";
import { UNDATED, formatDate, httpUrl, isRootCategory, languageTag, text, texts } from "./text.js";

const UNTITLED = "（无标题）";

function heading(level, props, ...children) {
  return h(`h${Math.min(Math.max(level, 1), 6)}`, props, ...children);
}

function time(value, ctx, withTime) {
  const formatted = formatDate(value, { withTime, timeZone: ctx.timeZone });
  return formatted === null
    ? h("span", { class: "nf-date nf-undated" }, UNDATED)
    : h("time", { class: "nf-date", datetime: text(value) }, formatted);
}

function listTitle(route) {
  const parts = [];
  if (route.q) parts.push(`搜索“${route.q}”`);
  if (route.category) parts.push(`分类：${route.category}`);
  if (route.source) parts.push(`来源：${route.source}`);
  const title = parts.length > 0 ? parts.join(" · ") : "最新新闻";
  return route.page > 1 ? `${title}（第 ${route.page} 页）` : title;
}

function summaryItem(item, ctx) {
  const title = text(item?.title) ?? UNTITLED;
  const target = text(item?.slug) ?? text(item?.id);
  const categories = texts(item?.categories).filter((c) => !isRootCategory(c));
  const category = categories[categories.length - 1];
  const source = text(item?.source);
  return h("li", null,
    h("article", { class: "nf-item" },
      heading(ctx.level + 1, { class: "nf-item-title" },
        target ? h("a", { href: formatRoute({ view: "article", slug: target }) }, title) : title),
      h("p", { class: "nf-meta" },
        time(item?.publishedAt, ctx, false),
        source ? h("span", { class: "nf-source" }, srOnly("来源："), source) : null,
        category ? h("a", { class: "nf-tag", href: formatRoute({ view: "list", category }) }, srOnly("分类："), category) : null),
      text(item?.summary) ? h("p", { class: "nf-summary" }, text(item.summary)) : null));
}

/** A page of the list: its heading, the items, and links to the first, previous and next page. */
export function listView(body, route, ctx) {
  const items = Array.isArray(body?.items) ? body.items : [];
  const titleId = uniqueId("nf-list");
  const filtered = Boolean(route.q || route.category || route.source);
  const following = nextRoute(body?.next, route);
  const previous = route.cursor ? ctx.previousOf(route.cursor) : null;

  const emptyText = route.q ? `没有找到包含“${route.q}”的文章。` : filtered ? "这里还没有文章。" : "还没有文章。";
  return h("section", { class: "nf-list", "aria-labelledby": titleId },
    heading(ctx.level, { id: titleId, class: "nf-view-title nf-focus", tabindex: "-1" }, listTitle(route)),
    filtered ? h("p", { class: "nf-clear" }, h("a", { href: "#/" }, "查看全部新闻")) : null,
    items.length > 0
      ? h("ol", { class: "nf-items" }, items.map((item) => summaryItem(item, ctx)))
      : h("p", { class: "nf-empty" }, emptyText),
    h("nav", { class: "nf-pages", "aria-label": "翻页" },
      route.page > 1 ? h("a", { href: formatRoute(firstPage(route)), class: "nf-first" }, "第一页") : null,
      previous ? h("a", { href: formatRoute(previous), rel: "prev", class: "nf-prev" }, "上一页") : null,
      h("span", { class: "nf-page-number" }, `第 ${route.page ?? 1} 页`),
      following
        ? h("a", { href: formatRoute(following), rel: "next", class: "nf-next" }, "下一页")
        : h("span", { class: "nf-last" }, items.length > 0 ? "已是最后一页" : "")));
}

function breadcrumb(categories) {
  const crumbs = [];
  if (categories.length === 0 || !isRootCategory(categories[0])) crumbs.push({ name: "新闻首页", href: "#/" });
  for (const name of categories) {
    crumbs.push({ name, href: isRootCategory(name) ? "#/" : formatRoute({ view: "list", category: name }) });
  }
  return h("nav", { class: "nf-breadcrumb", "aria-label": "面包屑导航" },
    h("ol", null, crumbs.map((c) => h("li", null, h("a", { href: c.href }, c.name)))));
}

function figure(image) {
  const src = httpUrl(image?.url);
  if (src === null) return null;
  const caption = text(image?.caption);
  return h("figure", { class: "nf-figure" },
    // Third-party images: no referrer leaves the reader's page, and they load only when scrolled to.
    h("img", { src, alt: caption ?? "文章配图", loading: "lazy", decoding: "async", referrerpolicy: "no-referrer" }),
    caption ? h("figcaption", null, caption) : null);
}

/** A neighbour is a link once the API knows it (id or slug); until then its title is plain text. */
function neighbour(label, link, rel) {
  const title = text(link?.title);
  const target = text(link?.slug) ?? text(link?.id);
  let content;
  if (title === null && target === null) content = h("span", { class: "nf-none" }, "没有了");
  else if (target === null) content = h("span", { class: "nf-unlinked" }, title);
  else content = h("a", { href: formatRoute({ view: "article", slug: target }), rel }, title ?? UNTITLED);
  return h("li", { class: `nf-${rel}` }, h("span", { class: "nf-label" }, `${label}：`), content);
}

/** One article: breadcrumb, headline, dateline, body with images, original link, previous and next. */
export function articleView(article, ctx) {
  const titleId = uniqueId("nf-article");
  const title = text(article?.title) ?? UNTITLED;
  const source = text(article?.source);
  const author = text(article?.author);
  const editor = text(article?.editor);
  const paragraphs = texts(article?.paragraphs);
  const figures = (Array.isArray(article?.images) ? article.images : []).map(figure).filter(Boolean);
  const original = httpUrl(article?.canonicalUrl);
  const siteName = text(article?.siteName);

  return h("article", { class: "nf-article", lang: languageTag(article?.language), "aria-labelledby": titleId },
    breadcrumb(texts(article?.categories)),
    h("header", { class: "nf-article-header" },
      heading(ctx.level, { id: titleId, class: "nf-headline nf-focus", tabindex: "-1" }, title),
      h("p", { class: "nf-meta" },
        time(article?.publishedAt, ctx, article?.hasPublishedTime === true),
        source ? h("span", { class: "nf-source" }, `来源：${source}`) : null,
        author ? h("span", { class: "nf-author" }, `作者：${author}`) : null)),
    h("div", { class: "nf-body" },
      paragraphs.length > 0 ? paragraphs.map((p) => h("p", null, p)) : h("p", { class: "nf-empty" }, "这篇文章没有正文。"),
      figures),
    editor ? h("p", { class: "nf-editor" }, `责任编辑：${editor}`) : null,
    original
      ? h("p", { class: "nf-original" }, "原文：",
        h("a", { href: original, rel: "noopener noreferrer nofollow external" }, siteName ?? new URL(original).host))
      : siteName ? h("p", { class: "nf-original" }, `原载：${siteName}`) : null,
    h("nav", { class: "nf-neighbours", "aria-label": "上一篇和下一篇" },
      h("ul", null, neighbour("上一篇", article?.previous, "prev"), neighbour("下一篇", article?.next, "next"))),
    h("p", { class: "nf-back" }, h("a", { href: ctx.lastList }, "返回列表")));
}

/** An error in words: what happened in Chinese, then what the API itself said, and a way on. */
export function errorView(error, ctx) {
  const described = describeError(error);
  const titleId = uniqueId("nf-error");
  return h("section", { class: "nf-error", role: "alert", "aria-labelledby": titleId },
    heading(ctx.level, { id: titleId, class: "nf-view-title nf-focus", tabindex: "-1" }, described.heading),
    h("p", { class: "nf-error-message" }, described.message),
    described.said.length > 0 ? h("ul", { class: "nf-error-said" }, described.said.map((line) => h("li", null, line))) : null,
    h("p", { class: "nf-error-actions" },
      described.retry ? h("button", { type: "button", class: "nf-retry", onclick: ctx.onRetry }, "重试") : null,
      h("a", { href: "#/" }, "返回最新新闻")));
}

/** Categories or sources with their counts; the first `limit` shown, the rest behind a disclosure. */
export function facetNav(kind, body, route, ctx) {
  const label = kind === "categories" ? "分类" : "来源";
  const key = kind === "categories" ? "category" : "source";
  const titleId = uniqueId(`nf-${kind}`);
  const items = (Array.isArray(body?.items) ? body.items : [])
    .map((item) => ({ name: text(item?.name), count: Number.isFinite(item?.count) ? item.count : null }))
    .filter((item) => item.name !== null);
  const entry = (item) => h("li", null,
    h("a", { href: formatRoute({ view: "list", [key]: item.name }), "aria-current": route[key] === item.name ? "page" : null },
      h("span", { class: "nf-facet-name" }, item.name),
      item.count !== null ? h("span", { class: "nf-count" }, String(item.count), srOnly(" 篇")) : null));
  const shown = items.slice(0, ctx.facetLimit);
  const rest = items.slice(ctx.facetLimit);
  return h("nav", { class: `nf-facets nf-${kind}`, "aria-labelledby": titleId },
    heading(ctx.level, { id: titleId }, label),
    items.length === 0 ? h("p", { class: "nf-empty" }, `暂无${label}。`) : h("ul", null, shown.map(entry)),
    rest.length > 0
      ? h("details", null, h("summary", null, `更多${label}（${rest.length}）`), h("ul", null, rest.map(entry)))
      : null);
}

/** A facet list that could not be loaded: said in place, without taking over the page. */
export function facetError(kind, error, ctx) {
  const label = kind === "categories" ? "分类" : "来源";
  const titleId = uniqueId(`nf-${kind}`);
  const described = describeError(error);
  return h("nav", { class: `nf-facets nf-${kind}`, "aria-labelledby": titleId },
    heading(ctx.level, { id: titleId }, label),
    h("p", { class: "nf-facet-error" }, `${label}加载失败：${described.heading}。`));
}
