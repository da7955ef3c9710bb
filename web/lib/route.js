// The view lives in the URL's fragment, so Back works, a view can be linked, and a site needs no server rules:
//   #/                                   the newest articles
//   #/?category=教育&source=…&q=…&cursor=…&page=2   a filtered list, a search, a later page
//   #/article/<slug or id>               one article
// Fragments that do not start with "#/" (a skip link's "#main") belong to the page, not to the front end.

const LIST_KEYS = ["category", "source", "q", "cursor"];

function decode(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The route a fragment names, or null when the fragment is not one of ours. */
export function parseRoute(hash) {
  if (!hash || hash === "#" || hash === "#/") return { view: "list" };
  if (!hash.startsWith("#/")) return null;
  const rest = hash.slice(2);
  if (rest.startsWith("article/")) {
    const slug = decode(rest.slice("article/".length));
    return slug && slug.trim() ? { view: "article", slug: slug.trim() } : { view: "list" };
  }
  const at = rest.indexOf("?");
  const params = new URLSearchParams(at >= 0 ? rest.slice(at + 1) : "");
  const route = { view: "list" };
  for (const key of LIST_KEYS) {
    const value = params.get(key)?.trim();
    if (value) route[key] = value;
  }
  const page = Number.parseInt(params.get("page") ?? "", 10);
  if (route.cursor && Number.isSafeInteger(page) && page > 1) route.page = page;
  return route;
}

/** The fragment of a route: parseRoute(formatRoute(r)) is r. */
export function formatRoute(route) {
  if (route.view === "article") return `#/article/${encodeURIComponent(route.slug)}`;
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) if (route[key]) params.set(key, route[key]);
  if (route.cursor && route.page > 1) params.set("page", String(route.page));
  const query = params.toString();
  return query ? `#/?${query}` : "#/";
}

/** A list route without its page: the same filter or search from the first page. */
export function firstPage(route) {
  const { cursor, page, ...rest } = route;
  return rest;
}

/**
 * The route of the page after `route`, taken from the API's `next` link (its category, source, q and cursor),
 * so the front end follows exactly the page the API named. Null when there is no next page.
 */
export function nextRoute(next, route) {
  if (typeof next !== "string" || next.length === 0) return null;
  let url;
  try {
    url = new URL(next);
  } catch {
    return null;
  }
  const following = { view: "list" };
  for (const key of LIST_KEYS) {
    const value = url.searchParams.get(key);
    if (value) following[key] = value;
  }
  if (!following.cursor) return null;
  following.page = (route.page ?? 1) + 1;
  return following;
}

/** The list query a route asks the API for. */
export function listQuery(route) {
  const query = {};
  for (const key of LIST_KEYS) if (route[key]) query[key] = route[key];
  return query;
}
