using System.Diagnostics;

namespace InferBench.Tests.Reports;

/// <summary>Debian's chromium, run headless on a local file with no network, no profile and page console messages on stderr.</summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>/usr/bin/chromium (what .ci/run installs), else chromium on the PATH; null when there is none.</summary>
    public static string? Find() =>
        new[] { "/usr/bin/chromium" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, "chromium")))
            .FirstOrDefault(File.Exists);

    /// <summary>Saves a <paramref name="width"/> x <paramref name="height"/> screenshot of the page; returns what the page logged to its console.</summary>
    public static IReadOnlyList<string> Screenshot(string chromium, string htmlPath, string pngPath, int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("inferbench-chromium-");
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--force-color-profile=srgb",
                    $"--user-data-dir={profile.FullName}", "--enable-logging=stderr", "--v=0",
                    $"--screenshot={pngPath}", $"--window-size={width},{height}", new Uri(htmlPath).AbsoluteUri,
                },
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish within {Timeout.TotalSeconds} s");
            }
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}:\n{stderr.Result}");
            // Console messages come as "[pid:tid:time:INFO:CONSOLE:line] "message", source: file:///...".
            return [.. stderr.Result.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal))];
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
