using System.Runtime.InteropServices;
using InferBench.Cli;

using var cancellation = new CancellationTokenSource();
// Ctrl-C and SIGTERM (docker stop, a scheduler's timeout) both cancel the one token every long command observes:
// the command says what stopping means for it, keeps what it has and exits 130. A second signal ends the process at once.
void StopGracefully(PosixSignalContext context)
{
    if (cancellation.IsCancellationRequested)
        return;
    context.Cancel = true;
    cancellation.Cancel();
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopGracefully);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopGracefully);
return InferBenchCli.Invoke(args, CliIo.FromConsole(), cancellation.Token);
