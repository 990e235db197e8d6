using System.Runtime.InteropServices;
using InferBench.Cli;

using var cancellation = new CancellationTokenSource();
// Ctrl-C and SIGTERM (docker stop, a scheduler's timeout) both stop after the current repetition;
// a second signal ends the process at once.
void StopAfterCurrentRepetition(PosixSignalContext context)
{
    if (cancellation.IsCancellationRequested)
        return;
    context.Cancel = true;
    Console.Error.WriteLine("Stopping after the current repetition; results so far are kept (signal again to abort).");
    cancellation.Cancel();
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopAfterCurrentRepetition);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopAfterCurrentRepetition);
return InferBenchCli.Invoke(args, CliIo.FromConsole(), cancellation.Token);
