using System.CommandLine;
using NewsFunctions.Cli.Commands;

var root = new RootCommand("NewsFunctions: parse news documents and manage the articles in storage.")
{
    ParseCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
