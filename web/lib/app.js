// <news-app api="https://news.example/api">: the whole front end in one element, in the page's own DOM (no shadow
// root), so the site's CSS reaches it and its text is the page's text for search engines and assistive technology.

import { NewsApi } from "./api.js";
import { h, uniqueId } from "./dom.js";
import { ConfigurationError, describeError } from "./messages.js";
import { formatRoute, listQuery, nextRoute, parseRoute } from "./route.js";
import { text } from "./text.js";
import { articleView, errorView, facetError, facetNav, listView } from "./views.js";

const FACETS_MAX_AGE_MS = 60_000;

function intAttribute(element, name, fallback, min, max) {
  const value = Number.parseInt(element.getAttribute(name) ?? "", 10);
  return Number.isSafeInteger(value) ? Math.min(Math.max(value, min), max) : fallback;
}

export class NewsApp extends HTMLElement {
  static observedAttributes = ["api", "page-size", "heading-level", "time-zone"];

  #api = null;
  #parts = null;
  #controller = null;
  #previous = new Map(); // cursor -> the route of the page before it, learned from that page's `next`
  #lastList = "#/";
  #facets = NewsApp.#noFacets();
  #onHashChange = () => this.#render({ moveFocus: true });

  static #noFacets() {
    return { at: 0, pending: null, categories: null, sources: null };
  }

  connectedCallback() {
    if (this.#parts === null) this.#parts = this.#build();
    window.addEventListener("hashchange", this.#onHashChange);
    this.#render({ moveFocus: false });
  }

  disconnectedCallback() {
    window.removeEventListener("hashchange", this.#onHashChange);
    this.#controller?.abort();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || this.#parts === null) return;
    if (name === "api") {
      this.#api = null;
      this.#facets = NewsApp.#noFacets();
      this.#previous.clear();
    }
    if (this.isConnected) this.#render({ moveFocus: false });
  }

  get #context() {
    return {
      level: intAttribute(this, "heading-level", 2, 1, 5),
      timeZone: text(this.getAttribute("time-zone")) ?? "Asia/Shanghai",
      facetLimit: intAttribute(this, "facet-limit", 12, 1, 1000),
      lastList: this.#lastList,
      previousOf: (cursor) => this.#previous.get(cursor) ?? null,
      onRetry: () => this.#render({ moveFocus: true }),
    };
  }

  #client() {
    if (this.#api === null) {
      const base = text(this.getAttribute("api"));
      if (base === null) throw new ConfigurationError("请在 <news-app> 元素上设置 api 属性，写明新闻服务的地址，例如 api=\"https://news.example.com/api\"。");
      try {
        this.#api = new NewsApi(base);
      } catch {
        throw new ConfigurationError(`api 属性“${base}”不是有效的网址。`);
      }
    }
    return this.#api;
  }

  #build() {
    const searchId = uniqueId("nf-q");
    const input = h("input", { id: searchId, type: "search", name: "q", maxlength: "200", autocomplete: "off", enterkeyhint: "search" });
    const form = h("form", { class: "nf-search", role: "search", "aria-label": "搜索新闻" },
      h("label", { for: searchId }, "搜索新闻"), input, h("button", { type: "submit" }, "搜索"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const q = input.value.trim();
      this.#go(q ? { view: "list", q } : { view: "list" });
    });
    const feed = h("a", { class: "nf-feed", type: "application/rss+xml" }, "RSS 订阅");
    const status = h("p", { class: "nf-status", role: "status", "aria-live": "polite" });
    const view = h("div", { class: "nf-view" });
    const aside = h("aside", { class: "nf-aside", "aria-label": "新闻导航" });
    const root = h("div", { class: "nf", lang: this.hasAttribute("lang") ? null : "zh-CN" },
      h("div", { class: "nf-toolbar" }, form, feed), status, h("div", { class: "nf-layout" }, view, aside));
    this.replaceChildren(root);
    return { root, input, feed, status, view, aside };
  }

  /** Goes to a route: a new history entry, or the same view again when the fragment is already this one. */
  #go(route) {
    const hash = formatRoute(route);
    if (location.hash === hash) this.#render({ moveFocus: true });
    else location.hash = hash;
  }

  async #render({ moveFocus }) {
    const route = parseRoute(location.hash);
    if (route === null) return; // the page's own fragment, such as a skip link
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    const parts = this.#parts;
    parts.input.value = route.view === "list" ? route.q ?? "" : parts.input.value;
    this.#busy(true);
    try {
      const api = this.#client();
      parts.feed.href = api.feedUrl(route.view === "list" ? route : {});
      parts.feed.textContent = route.view === "list" && (route.category || route.source) ? "订阅本栏 RSS" : "RSS 订阅";
      this.#refreshFacets(api);
      let view;
      let announcement;
      if (route.view === "article") {
        const article = await api.article(route.slug, { signal });
        view = articleView(article, this.#context);
        announcement = `已打开文章：${text(article?.title) ?? "无标题"}`;
      } else {
        const pageSize = intAttribute(this, "page-size", 10, 1, 100);
        const body = await api.articles({ ...listQuery(route), limit: pageSize }, { signal });
        const following = nextRoute(body?.next, route);
        if (following) this.#previous.set(following.cursor, route);
        this.#lastList = formatRoute(route);
        view = listView(body, route, this.#context);
        const count = Array.isArray(body?.items) ? body.items.length : 0;
        announcement = `已加载第 ${route.page ?? 1} 页，共 ${count} 篇文章`;
      }
      if (signal.aborted) return;
      this.#show(view, moveFocus, announcement);
    } catch (error) {
      if (signal.aborted || error?.name === "AbortError") return;
      this.#show(errorView(error, this.#context), moveFocus, `加载失败：${describeError(error).heading}`);
    } finally {
      if (this.#controller === controller) this.#busy(false);
    }
  }

  #show(view, moveFocus, announcement) {
    this.#parts.view.replaceChildren(view);
    this.#parts.status.textContent = announcement;
    // The reader asked for another view: put them at its heading, as a page load would put them at the top.
    if (moveFocus) view.querySelector(".nf-focus")?.focus();
  }

  #busy(busy) {
    const { root, status, view } = this.#parts;
    root.classList.toggle("nf-loading", busy);
    view.setAttribute("aria-busy", String(busy));
    if (busy) status.textContent = "正在加载…";
  }

  /** Categories and sources: fetched when older than a minute (a 304 when unchanged), redrawn for every route. */
  #refreshFacets(api) {
    const facets = this.#facets;
    if (facets.pending === null || Date.now() - facets.at > FACETS_MAX_AGE_MS) {
      facets.at = Date.now();
      const load = (kind) => api.facets(kind).then((body) => ({ body }), (error) => ({ error }));
      facets.pending = Promise.all([load("categories"), load("sources")]).then(([categories, sources]) => {
        facets.categories = categories;
        facets.sources = sources;
      });
    }
    facets.pending.then(() => {
      if (this.#facets === facets) this.#drawFacets(); // not when the api attribute changed meanwhile
    });
  }

  #drawFacets() {
    const route = parseRoute(location.hash);
    const current = route?.view === "list" ? route : {};
    const ctx = this.#context;
    const draw = (kind, result) => (result.error ? facetError(kind, result.error, ctx) : facetNav(kind, result.body, current, ctx));
    this.#parts.aside.replaceChildren(draw("categories", this.#facets.categories), draw("sources", this.#facets.sources));
  }
}
