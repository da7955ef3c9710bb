// The NewsFunctions API over fetch, from any origin the API allows (Api__CorsAllowedOrigins).
// Every JSON body is kept with its ETag; asking for the same URL again sends If-None-Match, and a 304 reuses the
// kept body. Errors are ApiError: the HTTP status and, when the API sent one, its problem+json (title, detail, errors).

export class ApiError extends Error {
  /**
   * @param {number} status the HTTP status, 0 when no answer came (network, CORS refused)
   * @param {{title?: string, detail?: string, errors?: Record<string, string[]>} | null} problem
   */
  constructor(status, problem, options) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? "The API could not be reached." : `The API answered ${status}.`), options);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.timedOut = options?.timedOut === true;
  }
}

async function readProblem(response) {
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.includes("json")) return null;
  try {
    const body = await response.json();
    return body !== null && typeof body === "object" ? body : null;
  } catch {
    return null;
  }
}

export class NewsApi {
  #base;
  #fetch;
  #kept = new Map(); // URL -> { etag, body }, oldest first
  #maxKept;
  #timeoutMs;

  /**
   * @param {string} base the API's base URL, with its route prefix: https://news.example/api
   * @param {{fetch?: typeof fetch, maxKept?: number, timeoutMs?: number}} options
   */
  constructor(base, { fetch = globalThis.fetch.bind(globalThis), maxKept = 200, timeoutMs = 15_000 } = {}) {
    const withSlash = String(base).endsWith("/") ? String(base) : `${base}/`;
    this.#base = new URL(withSlash, globalThis.document?.baseURI);
    this.#fetch = fetch;
    this.#maxKept = maxKept;
    this.#timeoutMs = timeoutMs;
  }

  get base() {
    return this.#base.href;
  }

  /** An absolute API URL: the path under the base, with the non-empty parameters. */
  url(path, params = {}) {
    const url = new URL(path, this.#base);
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, String(value));
    }
    return url.href;
  }

  /** GET /articles: { items, nextCursor, next }. */
  articles({ limit, category, source, q, cursor } = {}, options) {
    return this.get(this.url("articles", { limit, category, source, q, cursor }), options);
  }

  /** GET /articles/by-slug/{slug}: a slug ends with the id, and a bare id is a slug too. */
  article(slug, options) {
    return this.get(this.url(`articles/by-slug/${encodeURIComponent(slug)}`), options);
  }

  /** GET /categories or /sources: { items: [{ name, count }] }. */
  facets(kind, options) {
    if (kind !== "categories" && kind !== "sources") throw new RangeError(`unknown facet list ${kind}`);
    return this.get(this.url(kind), options);
  }

  /** The RSS feed's URL, of one category or source when given. */
  feedUrl({ category, source } = {}) {
    return this.url("feed", { category, source });
  }

  /**
   * GET a JSON resource, conditionally when its body is kept. Throws ApiError (status 0 when no answer came, or none
   * within the time allowed, body included); the caller's abort stays an AbortError.
   */
  async get(url, { signal } = {}) {
    const kept = this.#kept.get(url);
    const headers = { Accept: "application/json, application/problem+json" };
    if (kept) headers["If-None-Match"] = kept.etag;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    const forward = () => controller.abort(signal.reason);
    if (signal?.aborted) forward();
    signal?.addEventListener("abort", forward, { once: true });
    try {
      let response;
      try {
        response = await this.#fetch(url, { headers, signal: controller.signal, mode: "cors", credentials: "omit" });
      } catch (error) {
        if (timedOut) throw new ApiError(0, null, { cause: error, timedOut });
        if (signal?.aborted || error?.name === "AbortError") throw error;
        throw new ApiError(0, null, { cause: error });
      }
      if (response.status === 304 && kept) {
        this.#keep(url, kept); // most recently used again
        return kept.body;
      }
      if (!response.ok) throw new ApiError(response.status, await readProblem(response));
      let body;
      try {
        body = await response.json();
      } catch (error) {
        if (timedOut) throw new ApiError(0, null, { cause: error, timedOut });
        if (signal?.aborted) throw error;
        throw new ApiError(response.status, { title: "The response is not JSON." }, { cause: error });
      }
      const etag = response.headers.get("ETag");
      if (etag) this.#keep(url, { etag, body });
      else this.#kept.delete(url);
      return body;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forward);
    }
  }

  #keep(url, entry) {
    this.#kept.delete(url);
    this.#kept.set(url, entry);
    while (this.#kept.size > this.#maxKept) this.#kept.delete(this.#kept.keys().next().value);
  }
}
