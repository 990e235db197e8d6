using InferBench.Cli;

namespace InferBench.Tests.Cli;

public sealed class StopAnnouncementTests
{
    [Fact]
    public void A_signal_is_announced_once_while_the_command_winds_down()
    {
        using var source = new CancellationTokenSource();
        var error = new StringWriter();
        using (new StopAnnouncement(error, source.Token, "Stopping."))
        {
            source.Cancel();
            Assert.Equal("Stopping." + Environment.NewLine, error.ToString());
        }
        Assert.Equal("Stopping." + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void A_command_that_ends_before_the_callback_runs_still_says_it_was_stopped()
    {
        // The woken command disposes the announcement while Cancel is still running the callbacks registered after it.
        using var source = new CancellationTokenSource();
        var error = new StringWriter();
        var announcement = new StopAnnouncement(error, source.Token, "Stopping.");
        using var wait = source.Token.Register(announcement.Dispose);

        source.Cancel();

        Assert.Equal("Stopping." + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void Without_a_signal_nothing_is_said()
    {
        using var source = new CancellationTokenSource();
        var error = new StringWriter();
        new StopAnnouncement(error, source.Token, "Stopping.").Dispose();
        source.Cancel();
        Assert.Equal("", error.ToString());
    }
}
