using System.CommandLine;
using InferBench.Results;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;
using Spectre.Console;

namespace InferBench.Cli.Commands;

/// <summary>
/// <c>inferbench power probe</c>: the first thing to run on a new machine. Lists every power source, why each
/// unavailable one is, and what each available one reads over a few seconds, with its label.
/// </summary>
public static class PowerCommand
{
    private static readonly PowerMeterOptions MeterOptions = new();

    private static readonly Option<double> Seconds = NumberOption.Create("--seconds", "How long to read each source", PowerInputs.ProbeSeconds, 10);
    private static readonly PowerChoiceOptions PowerChoice = new();

    public static Command Create(CliIo io, CancellationToken cancellation)
    {
        var probe = new Command("probe", "List the power sources here, each device, and what each source reads over --seconds")
        {
            Seconds,
        };
        foreach (var option in PowerChoice.All)
            probe.Options.Add(option);
        probe.SetAction(parseResult => Probe(parseResult, io, cancellation));
        return new Command("power", "Power and energy measurement") { probe };
    }

    private static int Probe(ParseResult parseResult, CliIo io, CancellationToken cancellation)
    {
        var seconds = parseResult.GetValue(Seconds);
        var duration = PowerInputs.ProbeDuration(seconds);
        var host = HostFactsProbe.Read();
        var (choice, cpu) = PowerChoice.Read(parseResult, host.CpuModel);
        if (choice == PowerSourceChoice.None)
        {
            io.Out.WriteLine("Power measurement is turned off (--power none): nothing to probe.");
            return ExitCodes.AllOk;
        }

        var options = PowerOptions.FromEnvironment(host, cpu);
        SourceProbe[] probes;
        using (new StopAnnouncement(io.Error, cancellation, "Stopping the probe; what was read so far is shown (signal again to abort)."))
            probes = Measure(choice == PowerSourceChoice.Auto ? PowerSources.AutoOrder : [choice], options, duration,
                () => io.Error.WriteLine($"Reading each source for {ReadableNumber.Of(seconds)} s (a signal stops the probe early)."), cancellation);
        var gpus = host.Gpus.Count == 0 ? "none found by nvidia-smi" : string.Join(", ", host.Gpus.Select(g => g.Name));
        var readSeconds = cancellation.IsCancellationRequested
            ? $"{ReadableNumber.Of(probes[0].Window.Duration.TotalSeconds)} s (stopped early; --seconds asked for {ReadableNumber.Of(seconds)})"
            : $"{ReadableNumber.Of(seconds)} s";
        var heading = $"Power sources on this machine ({host.CpuModel}, {host.LogicalCores} logical cores; NVIDIA GPUs: {gpus}), " +
                      $"each read for {readSeconds}:";
        var verdict = Verdict(choice, probes);
        if (io.Interactive)
            WriteTable(io, heading, probes, verdict);
        else
            WriteText(io, heading, probes, verdict);
        return cancellation.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.AllOk;
    }

    /// <summary>Opens every candidate and reads them all over the same seconds, fewer when <paramref name="cancellation"/> fires.</summary>
    /// <param name="reading">Called once every source is being read.</param>
    private static SourceProbe[] Measure(IReadOnlyList<PowerSourceChoice> candidates, PowerOptions options, TimeSpan duration, Action reading,
        CancellationToken cancellation)
    {
        var meters = candidates.Select(c => PowerMeter.Start(c, options, MeterOptions)).ToArray();
        try
        {
            var windows = meters.Select(m => m.BeginWindow(PowerPhase.Idle)).ToArray();
            reading();
            cancellation.WaitHandle.WaitOne(duration);
            return meters.Select((meter, i) =>
                new SourceProbe(candidates[i], meter.Selection, windows[i].End(), meter.Snapshot(), meter.CounterUpdatePeriod)).ToArray();
        }
        finally
        {
            foreach (var meter in meters)
                meter.Dispose();
        }
    }

    private static string Verdict(PowerSourceChoice choice, SourceProbe[] probes)
    {
        var used = probes.FirstOrDefault(p => p.Selection.Source is not null);
        if (used is null)
            return $"No power source is available{(choice == PowerSourceChoice.Auto ? "" : $" for --power {JsonEnumName.Of(choice)}")}: energy will be reported as unavailable.";
        var prefix = choice == PowerSourceChoice.Auto ? $"--power auto uses {JsonEnumName.Of(used.Choice)}" : $"--power {JsonEnumName.Of(choice)} works";
        return used.Choice == PowerSourceChoice.Estimate
            ? $"{prefix}: no measured source here, so energy figures are ESTIMATES, labelled {JsonEnumName.Of(EnergySource.EstimatedCpuTdp)}."
            : $"{prefix}: energy figures are measured, labelled {JsonEnumName.Of(Labels(used.Selection.Source!)[0])}.";
    }

    private static void WriteText(CliIo io, string heading, SourceProbe[] probes, string verdict)
    {
        io.Out.WriteLine(heading);
        foreach (var probe in probes)
        {
            var lines = Lines(probe);
            io.Out.WriteLine();
            io.Out.WriteLine($"{JsonEnumName.Of(probe.Choice)}: {lines[0]}");
            foreach (var line in lines.Skip(1))
                io.Out.WriteLine($"  {line}");
        }
        io.Out.WriteLine();
        io.Out.WriteLine(verdict);
    }

    private static void WriteTable(CliIo io, string heading, SourceProbe[] probes, string verdict)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Out) });
        console.WriteLine(heading);
        var table = new Table().AddColumns("source", "status, method, devices and reading");
        foreach (var probe in probes)
            table.AddRow(Markup.Escape(JsonEnumName.Of(probe.Choice)), Markup.Escape(string.Join("\n", Lines(probe))));
        console.Write(table);
        console.WriteLine(verdict);
    }

    /// <summary>What the probe found for one source: its status first, then, when available, method, notes, devices and reading.</summary>
    private static List<string> Lines(SourceProbe probe)
    {
        var lines = new List<string> { Status(probe) };
        if (probe.Selection.Source is { } source)
        {
            lines.Add($"method: {source.Method}");
            lines.AddRange(source.Notes.Select(note => $"note: {note}"));
            lines.AddRange(probe.Devices.Select(Device));
            lines.Add(Reading(probe));
        }
        return lines;
    }

    private static string Status(SourceProbe probe)
    {
        if (probe.Selection.Source is not { } source)
        {
            var tried = probe.Selection.Tried.FirstOrDefault(t => t.Source == probe.Choice);
            return tried is null
                ? $"unavailable: {probe.Selection.UnavailableReason}"
                : $"unavailable ({JsonEnumName.Of(tried.Error)}): {tried.Reason}";
        }
        var labels = Labels(source).Select(JsonEnumName.Of).ToArray();
        return labels.Length == 1
            ? $"available, labelled {labels[0]}"
            : $"available, labelled {labels[0]} (cross-checked with {labels[1]})";
    }

    private static string Reading(SourceProbe probe)
    {
        var window = probe.Window;
        var energy = window.Energy is { } joules
            ? $"{ReadableNumber.Of(joules.Joules)} J, average {ReadableNumber.Of(window.AveragePower!.Value.Watts)} W"
            : "no energy";
        var parts = new List<string>
        {
            $"over {ReadableNumber.Of(window.Duration.TotalSeconds)} s: {energy}" +
            $"{(window.PeakPower is { } peak ? $", peak {ReadableNumber.Of(peak.Watts)} W" : "")} " +
            $"({JsonEnumName.Of(window.Source)}, {JsonEnumName.Of(window.Status)}{(window.Reason is null ? "" : $": {window.Reason}")})",
        };
        if (probe.Selection.Source!.CounterRefreshesPeriodically && probe.CounterUpdatePeriod is { } period)
            parts.Add($"energy counter seen to change every {ReadableNumber.Of(period.TotalMilliseconds)} ms on average " +
                      $"(readings {ReadableNumber.Of(MeterOptions.SamplePeriod.TotalMilliseconds)} ms apart)");
        if (window.CrossCheck is { } check)
            parts.Add($"integrated power gives {ReadableNumber.Of(check.Integrated.Joules)} J, {ReadableNumber.Of(check.RelativeDifference * 100)} % apart" +
                      (check.Disagrees ? $", MORE than the {ReadableNumber.Of(check.Tolerance * 100)} % tolerance" : ""));
        if (window.Throttled is { } throttled)
            parts.Add($"throttled: {(throttled ? "yes" : "no")} (clock reasons seen: {window.ThrottleReasons})");
        return string.Join("; ", parts);
    }

    private static string Device(DeviceSnapshot snapshot)
    {
        var device = snapshot.Device;
        var facts = new List<string>();
        if (snapshot.DriverVersion is { } driver) facts.Add($"driver {driver}");
        if (snapshot.SmClockMegahertz is { } sm) facts.Add($"SM {sm} MHz");
        if (snapshot.MemoryClockMegahertz is { } memoryClock) facts.Add($"memory {memoryClock} MHz");
        if (snapshot.PowerLimit is { } limit) facts.Add($"power limit {ReadableNumber.Of(limit.Watts)} W");
        if (snapshot.TemperatureCelsius is { } temperature) facts.Add($"{temperature} °C");
        if (snapshot.GpuUtilizationPercent is { } gpu) facts.Add($"busy {gpu} % (memory {snapshot.MemoryUtilizationPercent} %)");
        if (snapshot.MemoryUsedBytes is { } used && snapshot.MemoryTotalBytes is { } total)
            facts.Add($"{ReadableNumber.Of(used / Math.Pow(2, 30))} of {ReadableNumber.Of(total / Math.Pow(2, 30))} GiB used");
        if (snapshot.ThrottleReasons is { } reasons) facts.Add($"clock reasons: {reasons}");
        var name = $"device {device.Index}: {device.Name}{(device.Id is null ? "" : $" ({device.Id})")}";
        return facts.Count == 0 ? name : $"{name}: {string.Join(", ", facts)}";
    }

    /// <summary>The source's labels, the counter's first: energies come from the counter where there is one.</summary>
    private static EnergySource[] Labels(IPowerSource source) =>
        new[] { source.CounterSource, source.PowerSource }.Where(s => s != EnergySource.Unavailable).ToArray();


    private sealed record SourceProbe(
        PowerSourceChoice Choice,
        PowerSourceSelection Selection,
        PowerWindowResult Window,
        IReadOnlyList<DeviceSnapshot> Devices,
        TimeSpan? CounterUpdatePeriod);
}
