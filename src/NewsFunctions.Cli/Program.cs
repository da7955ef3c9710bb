using System.CommandLine;
using NewsFunctions.Cli;
using NewsFunctions.Cli.Commands;

var root = new RootCommand("newsfn: parse news documents and manage the articles in storage (Azurite by default).")
{
    ContentServices.ConnectionOption,
    ParseCommand.Create(),
    StorageCommands.Upload(),
    StorageCommands.Import(),
    StorageCommands.List(),
    StorageCommands.Show(),
    StorageCommands.Delete(),
    StorageCommands.Reindex(),
    StorageCommands.Requeue(),
    StorageCommands.Sync(),
    StorageCommands.Failures(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
