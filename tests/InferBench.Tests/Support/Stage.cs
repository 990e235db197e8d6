namespace InferBench.Tests.Support;

/// <summary>Waiting for a command to say it has reached a stage: polls until it has, failing when the command ended without.</summary>
internal static class Stage
{
    /// <summary>Only against a hang: a command that is merely slow under load is waited for as long as it runs.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(5);

    public static async Task WaitAsync(Func<bool> reached, Func<bool> ended, string what, Func<string> output)
    {
        using var hang = new CancellationTokenSource(HangLimit);
        while (!reached())
        {
            Assert.False(ended() && !reached(), $"the command ended before it wrote \"{what}\"; it wrote: {output()}");
            Assert.False(hang.IsCancellationRequested, $"the command wrote no \"{what}\" in {HangLimit.TotalMinutes} minutes; it wrote: {output()}");
            await Task.Delay(10);
        }
    }
}
