using InferBench.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cancellation.IsCancellationRequested)
        return; // a second Ctrl-C ends the process at once
    e.Cancel = true;
    Console.Error.WriteLine("Stopping after the current repetition; results so far are kept (Ctrl-C again to abort).");
    cancellation.Cancel();
};
return InferBenchCli.Invoke(args, CliIo.FromConsole(), cancellation.Token);
