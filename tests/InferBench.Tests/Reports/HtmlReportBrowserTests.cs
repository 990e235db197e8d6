using InferBench.Reports;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

/// <summary>
/// report.html as a person sees it: opened by headless Chromium at desktop and phone widths, with no console errors and
/// its charts drawn. The screenshots are kept under the test output's artifacts/ folder.
/// </summary>
public sealed class HtmlReportBrowserTests
{
    // The second variant's colour (ChartPalette) is used only by chart marks, so its pixels are the charts' own.
    private static readonly (byte R, byte G, byte B) SecondVariant = (0xE6, 0x9F, 0x00);
    private static readonly (byte R, byte G, byte B) FirstVariant = (0x00, 0x72, 0xB2);

    [SkippableTheory]
    [InlineData("report.png", 1280, 2400)]
    [InlineData("report-phone.png", 390, 3200)]
    public void OpensWithoutConsoleErrorsAndDrawsItsCharts(string screenshot, int width, int height)
    {
        var chromium = HeadlessChromium.Find();
        Skip.If(chromium is null, "chromium not found (/usr/bin/chromium or on the PATH): .ci/run installs Debian's chromium when it can");
        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        var html = Path.Combine(artifacts, "report.html");
        File.WriteAllText(html, new HtmlReportExporter().Export(ReportSamples.QuantizedRun()));
        var png = Path.Combine(artifacts, screenshot);
        File.Delete(png);

        var console = HeadlessChromium.Screenshot(chromium!, html, png, width, height);

        Assert.True(console.Count == 0, "console messages:\n" + string.Join("\n", console));
        var image = PngImage.Read(png);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(((byte)255, (byte)255, (byte)255), image[0, 0]); // the white page, so the decoding is right
        Assert.True(Pixels(image, SecondVariant) > 1000, $"{screenshot}: the int4 bars, lines and points are not drawn");
        Assert.True(Pixels(image, FirstVariant) > 1000, $"{screenshot}: the fp32 bars, lines and points are not drawn");
    }

    private static int Pixels(PngImage image, (byte R, byte G, byte B) color)
    {
        var count = 0;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
            {
                var (r, g, b) = image[x, y];
                if (Math.Abs(r - color.R) <= 8 && Math.Abs(g - color.G) <= 8 && Math.Abs(b - color.B) <= 8)
                    count++;
            }
        return count;
    }
}
