namespace InferBench.Tests.Support;

/// <summary>Waiting for a command to reach a stage: polls until it has, failing when the command ended without.</summary>
internal static class Stage
{
    /// <summary>Only against a hang: a command that is merely slow under load is waited for as long as it runs.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(5);

    /// <param name="what">The stage, as "it ..." ends: "wrote \"Reading\"", "left its stalled bytes on disk".</param>
    /// <param name="state">What the failure message shows of the command (what it wrote, what is on disk).</param>
    public static async Task WaitAsync(Func<bool> reached, Func<bool> ended, string what, Func<string> state)
    {
        using var hang = new CancellationTokenSource(HangLimit);
        while (!reached())
        {
            Assert.False(ended() && !reached(), $"the command ended before it {what}; {state()}");
            Assert.False(hang.IsCancellationRequested, $"the command had not {what} after {HangLimit.TotalMinutes} minutes; {state()}");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until <paramref name="written"/> (the command's stderr so far) holds <paramref name="text"/>.</summary>
    public static Task WrittenAsync(Func<string> written, string text, Func<bool> ended) =>
        WaitAsync(() => written().Contains(text, StringComparison.Ordinal), ended, $"wrote \"{text}\"", () => $"it wrote: {written()}");
}
