using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NewsFunctions.BrowserTests;

/// <summary>
/// What a reader of the demo page sees, in chromium, with the page on one origin and the API on another: the list
/// and its pages, a category, a search, an article with its neighbours, undated and hostile articles, and errors in words.
/// Every wait is bounded (10 s an action or expectation, 15 s a page load).
/// </summary>
public sealed class FrontEndTests : IClassFixture<FrontEndFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly FrontEndFixture _site;

    public FrontEndTests(FrontEndFixture site)
    {
        _site = site;
        SetDefaultExpectTimeout(10_000);
    }

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    private static ILocator ListTitles(IPage page) => page.Locator(".nf-items .nf-item-title");

    private static IEnumerable<SiteArticle> NewestFirst(IEnumerable<SiteArticle> articles) =>
        articles.Where(a => a.Published is not null).OrderByDescending(a => a.Published);

    [ChromiumFact]
    public async Task The_list_is_newest_first_and_pages_follow_next_to_the_end_and_back()
    {
        await using var demo = await _site.OpenDemoAsync();
        var page = demo.Page;

        await Expect(Heading(page, "最新新闻")).ToBeVisibleAsync();
        await Expect(ListTitles(page)).ToHaveCountAsync(5);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "RSS 订阅" })).ToHaveAttributeAsync("href", $"{_site.Api.BaseUrl}/feed");
        var pages = new List<IReadOnlyList<string>> { await ListTitles(page).AllInnerTextsAsync() };

        // Follow 下一页 to the last page; each new page is announced by its heading, which takes the focus.
        while (await page.GetByRole(AriaRole.Link, new() { Name = "下一页", Exact = true }).CountAsync() > 0)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "下一页", Exact = true }).ClickAsync();
            var heading = Heading(page, $"最新新闻（第 {pages.Count + 1} 页）");
            await Expect(heading).ToBeFocusedAsync();
            Assert.Contains($"page={pages.Count + 1}", page.Url, StringComparison.Ordinal);
            pages.Add(await ListTitles(page).AllInnerTextsAsync());
            Assert.True(pages.Count <= 5, "more pages than articles");
        }
        await Expect(page.GetByText("已是最后一页")).ToBeVisibleAsync();

        var everyTitle = pages.SelectMany(p => p).ToList();
        var expected = SiteArticles.Everything.Select(a => a.Title).ToList();
        Assert.Equal(3, pages.Count);
        Assert.Equal(expected.Order(), everyTitle.Order());
        Assert.Equal(NewestFirst(SiteArticles.Everything).Select(a => a.Title), everyTitle.Where(t => t != SiteArticles.Undated.Title));

        // 上一页 (learned from the page before) and Back both return; the kept first page comes back from a 304.
        await page.GetByRole(AriaRole.Link, new() { Name = "上一页", Exact = true }).ClickAsync();
        await Expect(Heading(page, "最新新闻（第 2 页）")).ToBeFocusedAsync();
        Assert.Equal(pages[1], await ListTitles(page).AllInnerTextsAsync());
        await page.GoBackAsync();
        await page.GoBackAsync();
        await page.GoBackAsync();
        await Expect(Heading(page, "最新新闻")).ToBeFocusedAsync();
        Assert.Equal(pages[0], await ListTitles(page).AllInnerTextsAsync());
        var firstPage = $"{_site.Api.BaseUrl}/articles?limit=5";
        lock (demo.Responses)
        {
            Assert.Contains(demo.Responses, r => r.Url == firstPage && r.Status == 200);
            Assert.Contains(demo.Responses, r => r.Url == firstPage && r.Status == 304);
        }
        Assert.Empty(demo.Errors);
    }

    [ChromiumFact]
    public async Task A_category_from_the_navigation_lists_its_articles_with_the_count_shown()
    {
        await using var demo = await _site.OpenDemoAsync();
        var page = demo.Page;
        var education = SiteArticles.Everything.Where(a => a.Category == "教育").ToList();
        var categories = page.GetByRole(AriaRole.Navigation, new() { Name = "分类", Exact = true });
        var link = categories.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^教育") });

        await Expect(link.Locator(".nf-count")).ToHaveTextAsync($"{education.Count} 篇");
        var sources = page.GetByRole(AriaRole.Navigation, new() { Name = "来源", Exact = true });
        await Expect(sources.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^河畔日报") }).Locator(".nf-count"))
            .ToHaveTextAsync($"{SiteArticles.Everything.Count(a => a.Source == "河畔日报")} 篇");
        await link.ClickAsync();

        await Expect(Heading(page, "分类：教育")).ToBeFocusedAsync();
        await Expect(ListTitles(page)).ToHaveCountAsync(education.Count);
        Assert.Equal(NewestFirst(education).Select(a => a.Title), await ListTitles(page).AllInnerTextsAsync());
        Assert.All(await page.Locator(".nf-items .nf-tag").AllTextContentsAsync(), tag => Assert.Equal("分类：教育", tag));
        await Expect(link).ToHaveAttributeAsync("aria-current", "page");

        // The feed link follows the category, and the feed behind it has the category's articles.
        var feed = page.GetByRole(AriaRole.Link, new() { Name = "订阅本栏 RSS" });
        var href = await feed.GetAttributeAsync("href");
        Assert.Equal($"{_site.Api.BaseUrl}/feed?category={Uri.EscapeDataString("教育")}", href);
        var rss = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, rss.Status);
        var xml = System.Xml.Linq.XDocument.Parse(await rss.TextAsync());
        Assert.Equal(education.Count, xml.Descendants("item").Count());
        Assert.Empty(demo.Errors);
    }

    [ChromiumFact]
    public async Task A_search_lists_the_articles_that_contain_the_words()
    {
        await using var demo = await _site.OpenDemoAsync();
        var page = demo.Page;
        await Expect(ListTitles(page)).ToHaveCountAsync(5);

        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "搜索新闻" });
        await box.FillAsync("夜间公交");
        await box.PressAsync("Enter");

        await Expect(Heading(page, "搜索“夜间公交”")).ToBeFocusedAsync();
        Assert.Equal(["河畔新区开通首条夜间公交线路", "新区将试点夜间公交线路"], await ListTitles(page).AllInnerTextsAsync());
        await Expect(box).ToHaveValueAsync("夜间公交");
        await page.GetByRole(AriaRole.Link, new() { Name = "查看全部新闻" }).ClickAsync();
        await Expect(Heading(page, "最新新闻")).ToBeFocusedAsync();
        await Expect(box).ToHaveValueAsync("");
        Assert.Empty(demo.Errors);
    }

    [ChromiumFact]
    public async Task An_article_shows_its_dateline_body_picture_breadcrumb_and_neighbours()
    {
        await using var demo = await _site.OpenDemoAsync();
        var page = demo.Page;
        var article = SiteArticles.All[^1];
        var older = SiteArticles.All[^2];

        await page.GetByRole(AriaRole.Link, new() { Name = article.Title, Exact = true }).ClickAsync();

        var view = page.Locator("article.nf-article");
        await Expect(Heading(page, article.Title)).ToBeFocusedAsync();
        await Expect(view.Locator(".nf-meta time")).ToHaveTextAsync("2023年3月12日 21:30");
        await Expect(view.Locator(".nf-source")).ToHaveTextAsync("来源：河畔日报");
        await Expect(view.Locator(".nf-author")).ToHaveTextAsync("作者：张小明 李华");
        Assert.Equal(["首页", "新闻", "本地新闻"], await page.GetByRole(AriaRole.Navigation, new() { Name = "面包屑导航" }).GetByRole(AriaRole.Link).AllInnerTextsAsync());
        var slug = Uri.UnescapeDataString(new Uri(page.Url).Fragment["#/article/".Length..]);
        var detail = await DetailAsync(slug);
        var shown = await view.Locator(".nf-body > p").AllInnerTextsAsync();
        Assert.Equal(detail.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()), shown);
        Assert.Equal(article.Paragraphs.Length, shown.Count);
        Assert.Contains("首班车于晚上十点从新区客运站发出", shown[0], StringComparison.Ordinal);
        var picture = view.Locator("figure img");
        await Expect(picture).ToHaveAttributeAsync("alt", article.ImageCaption!);
        await Expect(view.Locator("figcaption")).ToHaveTextAsync(article.ImageCaption!);
        await picture.ScrollIntoViewIfNeededAsync();
        await Expect(picture).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await picture.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the picture did not load");
        await Expect(view.Locator(".nf-editor")).ToHaveTextAsync("责任编辑：周文");
        await Expect(view.GetByRole(AriaRole.Link, new() { Name = "河畔日报网" })).ToHaveAttributeAsync("href", article.CanonicalUrl);

        // Neighbours: a link where the API names the stored article, its title as text where it does not.
        var neighbours = page.GetByRole(AriaRole.Navigation, new() { Name = "上一篇和下一篇" });
        await Expect(neighbours.Locator(".nf-next")).ToHaveTextAsync($"下一篇：{SiteArticles.NewerUnstored}");
        await Expect(neighbours.Locator(".nf-next a")).ToHaveCountAsync(0);
        await Expect(neighbours.Locator(".nf-prev")).ToHaveTextAsync($"上一篇：{older.Title}");
        // The previous article is stored (found by its canonical URL): the API links it, and so does the page.
        Assert.Equal(JsonValueKind.String, detail.GetProperty("previous").GetProperty("id").ValueKind);
        await neighbours.GetByRole(AriaRole.Link, new() { Name = older.Title }).ClickAsync();
        await Expect(Heading(page, older.Title)).ToBeFocusedAsync();
        await Expect(neighbours.Locator(".nf-next")).ToHaveTextAsync($"下一篇：{article.Title}");
        await page.GoBackAsync();
        await Expect(Heading(page, article.Title)).ToBeFocusedAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "返回列表" }).ClickAsync();
        await Expect(Heading(page, "最新新闻")).ToBeFocusedAsync();
        Assert.Empty(demo.Errors);
    }

    /// <summary>The article as the API serves it, read straight from the API.</summary>
    private async Task<JsonElement> DetailAsync(string slug)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetFromJsonAsync<JsonElement>($"{_site.Api.BaseUrl}/articles/by-slug/{Uri.EscapeDataString(slug)}");
    }

    [ChromiumFact]
    public async Task An_undated_article_without_source_or_author_says_what_it_lacks()
    {
        await using var demo = await _site.OpenDemoAsync();
        var page = demo.Page;
        var notice = SiteArticles.Undated;

        await page.GetByRole(AriaRole.Navigation, new() { Name = "分类", Exact = true }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^公告") }).ClickAsync();
        await Expect(Heading(page, "分类：公告")).ToBeFocusedAsync();
        await Expect(ListTitles(page)).ToHaveTextAsync([notice.Title]);
        await Expect(page.Locator(".nf-items .nf-undated")).ToHaveTextAsync("日期不详");
        await page.GetByRole(AriaRole.Link, new() { Name = notice.Title }).ClickAsync();

        var view = page.Locator("article.nf-article");
        await Expect(Heading(page, notice.Title)).ToBeFocusedAsync();
        await Expect(view.Locator(".nf-meta")).ToHaveTextAsync("日期不详");
        await Expect(view.Locator(".nf-source, .nf-author, .nf-editor, figure")).ToHaveCountAsync(0);
        Assert.Equal(["首页", "公告"], await view.Locator(".nf-breadcrumb a").AllInnerTextsAsync());
        await Expect(view.Locator(".nf-neighbours li")).ToHaveTextAsync(["上一篇：没有了", "下一篇：没有了"]);
        Assert.Equal(notice.Paragraphs, await view.Locator(".nf-body > p").AllInnerTextsAsync());
        Assert.Empty(demo.Errors);
    }

    [ChromiumFact]
    public async Task Markup_in_an_article_is_shown_as_text_and_never_runs()
    {
        await using var demo = await _site.OpenDemoAsync();
        var page = demo.Page;
        var hostile = SiteArticles.All[0];

        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "搜索新闻" });
        await box.FillAsync("尖括号");
        await box.PressAsync("Enter");
        await Expect(ListTitles(page)).ToHaveTextAsync([hostile.Title]);
        await page.GetByRole(AriaRole.Link, new() { Name = hostile.Title }).ClickAsync();

        await Expect(Heading(page, hostile.Title)).ToBeFocusedAsync();
        await Expect(page.Locator("article.nf-article .nf-body > p").Nth(1)).ToHaveTextAsync(hostile.Paragraphs[1]);
        Assert.Equal(0, await page.Locator("news-app b, news-app script, news-app img[src='x']").CountAsync());
        Assert.Empty(demo.Dialogs);
        Assert.Empty(demo.Errors);
    }

    [ChromiumFact]
    public async Task A_request_the_api_refuses_is_explained_in_words()
    {
        await using var demo = await _site.OpenDemoAsync();
        var page = demo.Page;
        await Expect(ListTitles(page)).ToHaveCountAsync(5);
        var alert = page.GetByRole(AriaRole.Alert);

        // A one-letter search: the API answers 400 problem+json; the reader reads what was wrong, in Chinese framing.
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "搜索新闻" });
        await box.FillAsync("人");
        await box.PressAsync("Enter");
        await Expect(Heading(page, "请求有误")).ToBeFocusedAsync();
        await Expect(alert).ToContainTextAsync("新闻服务没有接受这个请求（400）");
        await Expect(alert).ToContainTextAsync("搜索词（q）：");
        await Expect(alert).ToContainTextAsync("一个词至少两个字");
        await Expect(box).ToHaveValueAsync("人");
        lock (demo.Responses) Assert.Contains(demo.Responses, r => r.Url.Contains("/api/articles?", StringComparison.Ordinal) && r.Status == 400);

        // A cursor the API never gave (an edited link).
        await page.EvaluateAsync("location.hash = '#/?cursor=not-a-cursor&page=2'");
        await Expect(alert).ToContainTextAsync("翻页位置（cursor）：cursor is not one this API returned");

        // An article that does not exist: 404, said as such, with the way back.
        await page.EvaluateAsync("location.hash = '#/article/no-such-article-aaaaaaaaaaaaa'");
        await Expect(Heading(page, "没有找到")).ToBeFocusedAsync();
        await Expect(alert).ToContainTextAsync("No article has the slug 'no-such-article-aaaaaaaaaaaaa'");
        await alert.GetByRole(AriaRole.Link, new() { Name = "返回最新新闻" }).ClickAsync();
        await Expect(Heading(page, "最新新闻")).ToBeFocusedAsync();
        Assert.Empty(demo.Errors);
    }

    [ChromiumFact]
    public async Task A_site_on_an_origin_the_api_does_not_allow_gets_nothing_and_says_so()
    {
        // localhost is another origin than 127.0.0.1: the API sends it no CORS headers, so the browser withholds the answer.
        var elsewhere = _site.Site.Origin.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await using var demo = await _site.OpenDemoAsync(siteOrigin: elsewhere);

        await Expect(Heading(demo.Page, "无法连接新闻服务")).ToBeVisibleAsync();
        await Expect(demo.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("CORS");
        await Expect(demo.Page.GetByRole(AriaRole.Button, new() { Name = "重试" })).ToBeVisibleAsync();
        Assert.Empty(demo.Errors);
    }

    [ChromiumFact]
    public async Task Every_view_passes_axe_and_the_keyboard_goes_from_search_to_the_list_to_the_side_column()
    {
        await using var demo = await _site.OpenDemoAsync();
        var page = demo.Page;
        await Expect(ListTitles(page)).ToHaveCountAsync(5);
        await Expect(page.Locator(".nf-facets li").First).ToBeVisibleAsync();

        // Reading order is focus order: the skip link, the toolbar (search box, button, feed), the list, its pager,
        // then the side column, and every one of them reached.
        const string where = """
            () => {
              const e = document.activeElement;
              for (const [part, selector] of [["toolbar", ".nf-toolbar"], ["list", ".nf-items"], ["pager", ".nf-pages"], ["side", ".nf-aside"]])
                if (e.closest(selector)) return part;
              return e.classList.contains("skip") ? "skip" : e.tagName;
            }
            """;
        var parts = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var part = await page.EvaluateAsync<string>(where);
            if (part == "BODY") break; // past the last link of the page
            if (parts.Count == 0 || parts[^1] != part) parts.Add(part);
        }
        Assert.Equal(["skip", "toolbar", "list", "pager", "side"], parts);

        await AssertAxeAsync(page, "the list");
        await page.GetByRole(AriaRole.Link, new() { Name = SiteArticles.All[^1].Title, Exact = true }).ClickAsync();
        await Expect(Heading(page, SiteArticles.All[^1].Title)).ToBeFocusedAsync();
        await AssertAxeAsync(page, "an article");
        await page.EvaluateAsync("location.hash = '#/?q=' + encodeURIComponent('人')");
        await Expect(Heading(page, "请求有误")).ToBeVisibleAsync();
        await AssertAxeAsync(page, "an error");
    }

    /// <summary>axe-core's WCAG 2.2 A/AA rules and its best practices, over the whole demo page.</summary>
    private static async Task AssertAxeAsync(IPage page, string view)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        Assert.NotEmpty(result.Passes); // axe ran its rules
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(violations.Count == 0, $"axe finds problems on {view}:\n" + string.Join("\n", violations));
    }

    [ChromiumFact]
    public async Task The_demo_reads_on_a_phone_and_its_screenshots_are_saved_for_the_docs()
    {
        var images = Path.Combine(FrontEndFixture.RepositoryRoot, "docs", "images");
        Directory.CreateDirectory(images);
        var article = SiteArticles.All[^1];

        await using (var desktop = await _site.OpenDemoAsync())
        {
            await Expect(ListTitles(desktop.Page)).ToHaveCountAsync(5);
            await Expect(desktop.Page.Locator(".nf-facets li").First).ToBeVisibleAsync();
            await desktop.Page.ScreenshotAsync(new() { Path = Path.Combine(images, "frontend-list.png") });
        }

        await using var phone = await _site.OpenDemoAsync(viewport: Phone);
        var page = phone.Page;
        await Expect(ListTitles(page)).ToHaveCountAsync(5);
        await AssertNoSidewaysScrollAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = article.Title, Exact = true }).ClickAsync();
        await Expect(Heading(page, article.Title)).ToBeFocusedAsync();
        await Expect(page.Locator("figure img")).ToHaveJSPropertyAsync("complete", true);
        await AssertNoSidewaysScrollAsync(page);
        // The side column comes after the article on a phone, in reading and focus order.
        var articleBox = await page.Locator("article.nf-article").BoundingBoxAsync();
        var asideBox = await page.Locator(".nf-aside").BoundingBoxAsync();
        Assert.True(asideBox!.Y > articleBox!.Y + articleBox.Height - 1, "the side column is not below the article on a phone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(images, "frontend-article-phone.png"), FullPage = true });
        Assert.Empty(phone.Errors);
    }

    /// <summary>Nothing of the front end reaches past its own box (the site's margins), and the page never scrolls sideways.</summary>
    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"the page scrolls sideways on a phone: {scroll} px wide in {client} px");
        var outside = await page.EvaluateAsync<string[]>("""
            () => {
              const box = document.querySelector("news-app").getBoundingClientRect();
              return [...document.querySelectorAll("news-app *")]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5); })
                .map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`);
            }
            """);
        Assert.True(outside.Length == 0, "past the front end's edge on a phone: " + string.Join("; ", outside));
    }
}
