using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Moq;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.FunctionApp.Tests;

public sealed class GetArticleTests
{
    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
    {
        var store = new Mock<IArticleReads>();
        store.Setup(s => s.GetAsync("zzzzzzzzzzzzz", It.IsAny<CancellationToken>())).ReturnsAsync((Article?)null);

        var result = await new GetArticle(store.Object).Run(new DefaultHttpContext().Request, "zzzzzzzzzzzzz", CancellationToken.None);

        var problem = Assert.IsType<ObjectResult>(result);
        Assert.Equal(404, problem.StatusCode);
        Assert.Contains("application/problem+json", problem.ContentTypes);
        Assert.Contains("zzzzzzzzzzzzz", Assert.IsType<ProblemDetails>(problem.Value).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_id_returns_the_article()
    {
        var article = new Article
        {
            Id = "abcdefghijklm",
            Title = "标题",
            Paragraphs = ["正文。"],
            Provenance = new ArticleProvenance("seeds", "a.txt", "\"0x1\"", "00", "1.0.0", DateTimeOffset.UnixEpoch),
        };
        var store = new Mock<IArticleReads>();
        store.Setup(s => s.GetAsync(article.Id, It.IsAny<CancellationToken>())).ReturnsAsync(article);

        var result = await new GetArticle(store.Object).Run(new DefaultHttpContext().Request, article.Id, CancellationToken.None);

        Assert.Same(article, Assert.IsType<NewsFunctions.FunctionApp.Http.CachedJsonResult>(result).Value);
    }
}
