using System.Diagnostics;
using System.Globalization;
using System.Text;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.LoadBench;

/// <summary>One generated document and what it must become: its category names (root excluded) and its source.</summary>
public sealed record LoadDocument(int Index, string Name, byte[] Content, string Title, string[] Categories, string Source);

/// <summary>
/// Generates varied documents in the seed's text-dump format (breadcrumb, title, date and source line, indented
/// paragraphs, previous/next, copyright), with bodies cut from the seed and the corpus text dumps. Deterministic:
/// document i is always the same bytes. Shared by the load benchmark and the Load tests (linked source).
/// </summary>
public sealed class LoadDocuments
{
    public static readonly string[] Categories =
    [
        "要闻", "政务动态", "部门动态", "基层动态", "通知公告", "政策文件", "政策解读", "经济运行", "投资促进", "开发区新闻",
        "招商引资", "项目建设", "科技创新", "教育文化", "医疗卫生", "生态环境", "交通运输", "农业农村", "社会保障", "媒体聚焦",
    ];

    public static readonly string[] SubCategories = ["文字新闻", "图片新闻", "专题报道"];

    public static readonly string[] Sources =
    [
        "常熟市人民政府", "德清县发改局", "浙江省发展和改革委员会", "江苏省商务厅", "苏州工业园区管委会", "杭州日报", "新华社",
        "人民网", "中国新闻网", "宁波市经信局", "无锡市统计局", "南京市科技局", "湖州市政府办", "嘉兴市投资促进中心", "温州市农业农村局",
    ];

    /// <summary>Lines with these are page furniture (or would end the body in the parser's eyes): not paragraph material.</summary>
    private static readonly string[] FooterWords =
        ["上一", "下一", "版权", "Copyright", "来源", "发布", "联系", "电话", "邮箱", "传真", "ICP", "备案", "主办", "承办", "技术支持", "地址", "网站", "浏览", "打印", "关闭", "作者", "编辑", "位置"];

    private readonly string[] _paragraphs;
    private readonly NewsFunctions.Parsing.DocumentParser _parser = new();

    public LoadDocuments(IEnumerable<string> texts)
    {
        // Paragraph material: lines of running text (mostly Chinese, long enough to be prose, not page furniture).
        _paragraphs = texts
            .SelectMany(t => t.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length >= 40 && l.Count(c => c >= '\u4e00' && c <= '\u9fff') * 2 > l.Length
                        && !l.Contains("上一", StringComparison.Ordinal) && !l.Contains("下一", StringComparison.Ordinal)
                        && !l.Contains("版权", StringComparison.Ordinal) && !l.Contains("Copyright", StringComparison.OrdinalIgnoreCase)
                        && !FooterWords.Any(w => l.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (_paragraphs.Length == 0)
            throw new InvalidOperationException("No paragraph material found in the seed or corpus texts.");
    }

    public int ParagraphCount => _paragraphs.Length;

    /// <summary>The seed documents and, when the sibling <c>shared/corpus/text</c> exists, the corpus text dumps.</summary>
    public static LoadDocuments FromRepository(string repoRoot)
    {
        var files = Directory.EnumerateFiles(Path.Combine(repoRoot, "seeds"), "*.txt").ToList();
        if (FindCorpus(repoRoot) is { } corpus)
            files.AddRange(Directory.EnumerateFiles(corpus, "*.txt"));
        files.Sort(StringComparer.Ordinal);
        return new LoadDocuments(files.Select(f => File.ReadAllText(f, Encoding.UTF8)));
    }

    /// <summary>Walks up from the repository root to a folder with a sibling <c>shared/corpus/text</c>.</summary>
    public static string? FindCorpus(string repoRoot)
    {
        for (var dir = new DirectoryInfo(repoRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "text");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The folder with NewsFunctions.sln, walking up from <paramref name="start"/>.</summary>
    public static string FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No NewsFunctions.sln above {start}.");
    }

    public IEnumerable<LoadDocument> Generate(int count) => Enumerable.Range(0, count).Select(Document);

    /// <summary>Document i. Bodies whose material the parser would cut short (corpus pages carry furniture) start further on.</summary>
    public LoadDocument Document(int i)
    {
        for (var attempt = 0; ; attempt++)
        {
            var document = Build(i, attempt);
            if (attempt >= 50 || _parser.Parse(document.Content, document.Name).Succeeded)
                return document;
        }
    }

    /// <summary>Document i's title; it depends on i alone, so a document can name its neighbours.</summary>
    public string Title(int i)
    {
        var first = _paragraphs[(int)((i * 40503L) % _paragraphs.Length)];
        var headline = new string(first.Where(char.IsLetterOrDigit).Take(12 + i % 10).ToArray());
        return $"{headline}（第{i}号）";
    }

    private LoadDocument Build(int i, int attempt)
    {
        var category = Categories[i % Categories.Length];
        var sub = SubCategories[i / Categories.Length % SubCategories.Length];
        var source = Sources[(i * 7 + i / 3) % Sources.Length];
        // Spread over about eleven years, several articles a day at most.
        var published = new DateOnly(2015, 1, 1).AddDays((int)((i * 2654435761L) % 4000));
        var title = Title(i);

        // Bodies of varied size: about 100 to 1,500 characters, one in fifty 3,000 more; whole paragraphs from the material.
        var target = 100 + (int)((i * 97L) % 8) * 200 + (i % 50 == 0 ? 3000 : 0);
        var body = new List<string>();
        var length = 0;
        for (var p = (int)((i * 7919L + attempt * 13L) % _paragraphs.Length); length < target; p = (p + 1) % _paragraphs.Length)
        {
            body.Add(_paragraphs[p]);
            length += _paragraphs[p].Length;
        }

        var text = new StringBuilder()
            .Append("您现在的位置:首页 > ").Append(category).Append(" > ").Append(sub).Append('\n')
            .Append(title).Append('\n')
            .Append("发布时间:").Append(published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("    来源:").Append(source).Append('\n')
            .Append('\n');
        foreach (var paragraph in body)
            text.Append("  ").Append(paragraph).Append('\n');
        // Neighbours named by their titles, as sites print them: document i links documents i - 1 and i + 1.
        text.Append("上一条:").Append(i > 0 ? Title(i - 1) : "没有了").Append('\n')
            .Append("下一条:").Append(Title(i + 1)).Append('\n')
            .Append("Copyright © 2024 投促中国 版权所有:投促中国");
        return new LoadDocument(i, $"load/{i:D6}.txt", Encoding.UTF8.GetBytes(text.ToString()), title, [category, sub], source);
    }
}

/// <summary>Ingests documents through <see cref="IDocumentIngestion"/> (the blob trigger's path) with bounded parallelism.</summary>
public static class LoadIngest
{
    public static async Task<(string[] Ids, TimeSpan Elapsed)> RunAsync(
        IDocumentIngestion ingestion, string container, IReadOnlyList<LoadDocument> documents, int parallelism,
        Action<int>? progress, CancellationToken cancellationToken)
    {
        var ids = new string[documents.Count];
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, documents.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var document = documents[i];
            var result = await IngestWithRetriesAsync(ingestion, new DocumentRef(container, document.Name), document.Content, ct).ConfigureAwait(false);
            if (result.Status == IngestionStatus.Failed || result.ArticleId is null)
                throw new InvalidOperationException($"{document.Name} was not stored: {result.FailureReason}: {result.FailureDetail}");
            ids[i] = result.ArticleId;
            progress?.Invoke(Interlocked.Increment(ref done));
        }).ConfigureAwait(false);
        return (ids, watch.Elapsed);
    }

    /// <summary>As the blob trigger runs: an exception is retried on the same document, five tries in all, then it is given up.</summary>
    public static async Task<IngestionResult> IngestWithRetriesAsync(IDocumentIngestion ingestion, DocumentRef document, byte[] content, CancellationToken cancellationToken,
        int maxTries = 5, TimeSpan? delay = null, Action<Exception>? onRetry = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var stream = new MemoryStream(content, writable: false);
                return await ingestion.IngestAsync(document, stream, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < maxTries && !cancellationToken.IsCancellationRequested)
            {
                onRetry?.Invoke(e);
                await Task.Delay(delay ?? TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>What a load run must leave behind: every document one article, pages without repeat or gap, counts that add up.</summary>
public static class LoadVerifier
{
    public static async Task<IReadOnlyList<string>> VerifyAsync(
        ContentTables tables, IArticleStore store, FacetCounters facets, IReadOnlyList<LoadDocument> documents, IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var n = documents.Count;
        var expectedIds = ids.ToHashSet(StringComparer.Ordinal);
        if (expectedIds.Count != n) problems.Add($"{n} documents gave {expectedIds.Count} distinct article ids");

        var stored = 0;
        await foreach (var _ in tables.Articles.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey"], maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
            stored++;
        if (stored != n) problems.Add($"the articles table has {stored} articles, expected {n}");

        var listed = new List<string>(n);
        ArticleCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(new ArticleQuery { Limit = 100, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            listed.AddRange(page.Items.Select(i => i.Id));
            cursor = page.Next;
            pages++;
        } while (cursor is not null && pages <= n / 100 + 10);
        var distinct = listed.ToHashSet(StringComparer.Ordinal);
        if (listed.Count != distinct.Count) problems.Add($"paging repeated {listed.Count - distinct.Count} article(s)");
        if (distinct.Count != n) problems.Add($"paging listed {distinct.Count} distinct articles, expected {n}");
        var missing = expectedIds.Except(distinct).Count();
        if (missing > 0) problems.Add($"paging missed {missing} ingested article(s)");

        var sources = await facets.GetAsync(FacetKind.Source, cancellationToken).ConfigureAwait(false);
        if (sources.Sum(s => s.Count) != n) problems.Add($"source counts add up to {sources.Sum(s => s.Count)}, expected {n}");
        foreach (var group in documents.GroupBy(d => d.Source))
        {
            var counted = sources.FirstOrDefault(s => s.Name == group.Key)?.Count ?? 0;
            if (counted != group.Count()) problems.Add($"source {group.Key}: counted {counted}, generated {group.Count()}");
        }

        var categories = await facets.GetAsync(FacetKind.Category, cancellationToken).ConfigureAwait(false);
        var expected = documents.SelectMany(d => d.Categories.Distinct()).GroupBy(c => c).ToDictionary(g => g.Key, g => (long)g.Count());
        foreach (var (name, count) in expected)
        {
            var counted = categories.FirstOrDefault(c => c.Name == name)?.Count ?? 0;
            if (counted != count) problems.Add($"category {name}: counted {counted}, generated {count}");
        }
        foreach (var extra in categories.Where(c => !expected.ContainsKey(c.Name)))
            problems.Add($"category {extra.Name} counted {extra.Count} but never generated");
        return problems;
    }
}

/// <summary>Progress on standard error, at most four times a second.</summary>
public sealed class LoadProgress(int total, string verb)
{
    private long _last;

    public void Report(int done)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _last);
        if (done != total && now - last < 250) return;
        if (Interlocked.CompareExchange(ref _last, now, last) != last) return;
        Console.Error.Write($"\r{done}/{total} {verb}   ");
        if (done == total) Console.Error.WriteLine();
    }
}
