namespace NewsFunctions.Parsing.Extraction;

/// <summary>Page furniture that is never article text: footers, tool bars, counters, share widgets.</summary>
internal static class Boilerplate
{
    /// <summary>Lines that end a page wherever they appear: copyright and licence numbers.</summary>
    private static readonly string[] StrongFooterMarkers = ["Copyright", "copyright", "COPYRIGHT", "版权所有", "ICP备", "ICP证", "公网安备", "©"];

    /// <summary>Footer words that prose also uses ("关于我们两家的老人", "举报电话"): they count only on short lines.</summary>
    private static readonly string[] FooterMarkers =
        ["主办单位", "承办单位", "技术支持", "网站地图", "与我们联系", "联系我们", "关于我们", "违法和不良信息", "举报电话", "不良信息举报",
         "免责声明", "版权声明", "声明：", "声明:", "请勿转载", "不得转载", "转载请注明", "禁止转载", "谢绝转载", "未经授权", "反侵权公告", "版权公告", "版权说明", "转载说明", "转载须知"];

    /// <summary>Short lines carrying these are tools and counters, not text.</summary>
    private static readonly string[] NoiseMarkers =
        ["打印本页", "关闭窗口", "打印", "关闭", "字号", "分享到", "分享至", "扫一扫", "浏览次数", "点击数", "阅读次数", "浏览量", "收藏本页", "返回顶部", "返回首页", "加入收藏", "设为首页", "我要纠错", "复制链接", "【大】", "【中】", "【小】", "[大]", "[中]", "[小]", "相关新闻", "相关阅读", "相关链接", "推荐阅读", "热点推荐", "热门推荐", "延伸阅读", "更多>>", "更多 >>", "查看更多", "点击排行", "发表评论", "网友评论", "评论(", "我要评论", "登录", "注册", "上一页", "下一页", "扫码", "二维码", "扫一扫", "字体", "页面功能", "用户名", "微信号", "参与", "评论", "客户端", "点击进入", "查看全部", "Scan me"];

    /// <summary>A footer line: copyright, ICP licence, sponsor. Only short lines count, so a paragraph that mentions copyright stays.</summary>
    public static bool IsFooter(Block block) =>
        (block.Letters < 160 && (StrongFooterMarkers.Any(block.Text.Contains) || (block.Letters < 60 && FooterMarkers.Any(m => IsFooterPlaced(block, m)))))
        || (block.Letters < 400 && IsDisclaimer(block.Text));

    private static readonly string[] DisclaimerLabels = ["特别声明", "免责声明", "版权声明"];

    /// <summary>"特别声明：以上文章由作者本人提供…": a labelled disclaimer, however long, opening its line.</summary>
    private static bool IsDisclaimer(string text)
    {
        var start = text.AsSpan().TrimStart(" “\"【[(（".AsSpan());
        // Every label starts with one of these: most lines are passed over after one comparison.
        if (start.IsEmpty || start[0] is not ('特' or '免' or '版')) return false;
        foreach (var label in DisclaimerLabels)
            if (start.StartsWith(label, StringComparison.Ordinal) && start.Length > label.Length && start[label.Length] is ':' or '：' or '】' or ']')
                return true;
        return false;
    }

    /// <summary>A footer word heads or closes its line ("联系我们 | …", "…未经授权请勿转载"), or the line has no sentence in it.</summary>
    private static bool IsFooterPlaced(Block block, string marker)
    {
        var at = block.Text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return false;
        if (block.Punctuation == 0) return true;
        var tail = block.Text.AsSpan(at + marker.Length).Trim(" 。.!！)）】]".AsSpan());
        return at <= 2 || tail.Length == 0;
    }

    /// <summary>Headings of the links to other articles that pages print under the article.</summary>
    private static readonly string[] RelatedHeadings =
        ["相关新闻", "相关阅读", "相关链接", "相关文章", "相关报道", "推荐", "推荐阅读", "相关推荐", "精彩推荐", "为你推荐", "延伸阅读", "热点推荐",
         "热门推荐", "猜你喜欢", "你可能还想看", "你可能也喜欢"];

    /// <summary>Headings of the comments under an article.</summary>
    private static readonly string[] CommentHeadings =
        ["网友评论", "热门评论", "最新评论", "精彩评论", "全部评论", "用户评论", "读者评论", "评论区", "我要评论", "发表评论", "网友跟帖", "热门跟帖"];

    /// <summary>
    /// "推荐阅读", "相关报道:" alone on a line, or heading a link ("推荐阅读:某某新闻"): what follows are other
    /// articles, not this one.
    /// </summary>
    public static bool IsRelatedHeading(Block block) => StartsWithHeading(block, RelatedHeadings);

    /// <summary>"网友评论", "热门评论:" alone on a line: the comments start here.</summary>
    public static bool IsCommentHeading(Block block) => StartsWithHeading(block, CommentHeadings);

    private static bool StartsWithHeading(Block block, string[] headings)
    {
        if (block.Letters > 60) return false;
        var text = block.Text.AsSpan().Trim().TrimStart("【[ ".AsSpan());
        foreach (var heading in headings)
        {
            if (!text.StartsWith(heading, StringComparison.Ordinal)) continue;
            var rest = text[heading.Length..].TrimStart("】]".AsSpan());
            if (rest.IsEmpty || rest.TrimEnd(":：>》 ".AsSpan()).IsEmpty || (rest[0] is ':' or '：' && block.Letters < 60)) return true;
        }
        return false;
    }

    public static bool IsNoise(Block block) =>
        block.Letters < 40 && (block.Punctuation == 0 || block.Letters < 12) && NoiseMarkers.Any(block.Text.Contains);
}
