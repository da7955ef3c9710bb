// Pure helpers over the API's JSON: defensive reads (third-party content may lack any field), safe URLs,
// and the Chinese wording of dates. No DOM here, so Node's test runner checks them (web/tests/).

/** A non-empty trimmed string, or null for anything else (missing, null, not a string, blank). */
export function text(value) {
  return typeof value === "string" && value.trim().length > 0 ? value.trim() : null;
}

/** The strings of an array, blank ones dropped; [] for anything that is not an array. */
export function texts(value) {
  return Array.isArray(value) ? value.map(text).filter((v) => v !== null) : [];
}

/**
 * An absolute http(s) URL as a string, or null. Article images and original links come from third-party pages:
 * javascript:, data: and other schemes are never put into an attribute.
 */
export function httpUrl(value) {
  const candidate = text(value);
  if (candidate === null) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A BCP 47-shaped language tag for a lang attribute (zh, zh-CN, en-US), or null. */
export function languageTag(value) {
  const tag = text(value);
  return tag !== null && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(tag) ? tag : null;
}

export const UNDATED = "日期不详";

const formatters = new Map();

function formatter(timeZone, withTime) {
  const key = `${timeZone}|${withTime}`;
  if (!formatters.has(key)) {
    const options = { timeZone, year: "numeric", month: "long", day: "numeric" };
    if (withTime) Object.assign(options, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formatters.set(key, new Intl.DateTimeFormat("zh-CN", options));
  }
  return formatters.get(key);
}

/**
 * A publication time in Chinese ("2023年3月15日", with the time "2023年3月15日 22:30"), in the site's time zone
 * (Chinese sites publish in China time), or null when the article is undated or the value is not a date.
 */
export function formatDate(value, { withTime = false, timeZone = "Asia/Shanghai" } = {}) {
  const iso = text(value);
  if (iso === null) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  try {
    return formatter(timeZone, withTime).format(date);
  } catch {
    return formatter("Asia/Shanghai", withTime).format(date); // an unknown time-zone attribute
  }
}

/** Breadcrumb levels that name a site's home page rather than a category (the API does not count them either). */
const ROOT_CATEGORIES = new Set(["首页", "网站首页", "主页", "home"]);

export function isRootCategory(name) {
  return ROOT_CATEGORIES.has(String(name).toLowerCase());
}
