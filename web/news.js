// NewsFunctions front end. A site adds two lines:
//   <script type="module" src="https://your.site/news/news.js"></script>
//   <news-app api="https://your-function-app.azurewebsites.net/api"></news-app>
// news.css, next to this file, is linked once into the page unless the element has the no-style attribute.

import { NewsApp } from "./lib/app.js";

const STYLESHEET = new URL("./news.css", import.meta.url).href;

class NewsAppElement extends NewsApp {
  connectedCallback() {
    if (!this.hasAttribute("no-style") && !document.querySelector("link[data-news-app-style]")) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = STYLESHEET;
      link.dataset.newsAppStyle = "";
      document.head.append(link);
    }
    super.connectedCallback();
  }
}

if (!customElements.get("news-app")) customElements.define("news-app", NewsAppElement);

export { NewsApi, ApiError } from "./lib/api.js";
