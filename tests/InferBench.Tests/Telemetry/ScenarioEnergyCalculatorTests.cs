using InferBench.Results;
using InferBench.Telemetry.Power;

namespace InferBench.Tests.Telemetry;

public class ScenarioEnergyCalculatorTests
{
    private static PowerWindowResult Window(PowerWindowStatus status, double? joules, EnergyCrossCheck? crossCheck = null) => new(
        PowerPhase.Generation, status, EnergySource.MeasuredNvmlCounter, TimeSpan.FromSeconds(10),
        joules is { } j ? new Energy(j) : null, joules is { } w ? new Power(w / 10) : null, new Power(180),
        Throttled: false, ThrottleReasons: null, crossCheck, Reason: null);

    private static RepetitionSample Measured(PhaseEnergy prefill, PhaseEnergy decode) =>
        new(RepetitionPhase.Measured, 1, 5, 0.1, 0.11, 0.4, 0.51, [0.1, 0.1, 0.1, 0.1], prefill, decode);

    [Fact]
    public void Joules_per_token_gross_net_and_per_phase_follow_their_definitions()
    {
        var idle = new IdleBaseline(Window(PowerWindowStatus.Ok, 200) with { Phase = PowerPhase.Idle }, null); // 20 W
        RepetitionSample[] measured =
        [
            Measured(new PhaseEnergy("ok", 3), new PhaseEnergy("ok", 40)),
            Measured(new PhaseEnergy("ok", 5), new PhaseEnergy("ok", 24)),
        ];

        var energy = ScenarioEnergyCalculator.From(Window(PowerWindowStatus.Ok, 1000), generations: 2, measured,
            batchSize: 2, promptTokens: 4, genTokens: 5, idle, loadJoules: 7, devices: [], note: null);

        Assert.Equal(1000.0 / (2 * 2 * 5), energy.JoulesPerGeneratedToken);          // 50 J/token
        Assert.Equal((1000.0 - 20 * 10) / (2 * 2 * 5), energy.NetJoulesPerGeneratedToken); // 40 J/token
        Assert.Equal((3.0 + 5) / (2 * 2 * 4), energy.PrefillJoulesPerPromptToken);   // 0.5 J/token
        Assert.Equal((40.0 + 24) / (2 * 2 * 4), energy.DecodeJoulesPerGeneratedToken); // 4 J/token over gen - 1 = 4 steps
        Assert.Equal(("measured-nvml-counter", "ok", 7.0), (energy.Source, energy.Status, energy.LoadJoules!.Value));
        Assert.Null(energy.Reason);
    }

    [Fact]
    public void A_too_short_phase_window_leaves_that_phase_empty_and_says_why()
    {
        RepetitionSample[] measured = [Measured(new PhaseEnergy("ok", 3), new PhaseEnergy("too-short", null))];

        var energy = ScenarioEnergyCalculator.From(Window(PowerWindowStatus.Ok, 1000), 1, measured, 1, 4, 5,
            idle: null, loadJoules: null, devices: [], note: null);

        Assert.Null(energy.DecodeJoulesPerGeneratedToken);
        Assert.Null(energy.NetJoulesPerGeneratedToken);
        Assert.Equal($"decode J/token unavailable: its windows are {ScenarioEnergyCalculator.TooShortPhaseNote}", energy.Reason);
    }

    [Theory]
    [InlineData(EnergySource.MeasuredNvmlPower, true)]
    [InlineData(EnergySource.MeasuredNvmlCounter, false)]
    public void Energy_integrated_from_nvml_power_says_nvml_samples_power_only_part_of_the_time(EnergySource source, bool noted)
    {
        var energy = ScenarioEnergyCalculator.From(Window(PowerWindowStatus.Ok, 1000) with { Source = source }, 1,
            [Measured(new PhaseEnergy("ok", 1), new PhaseEnergy("ok", 2))], 1, 4, 5, null, null, [], null);

        Assert.Equal(noted, energy.Reason?.Contains("sample the board's power only about 25% of the time", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_counter_that_disagrees_with_integrated_power_is_flagged()
    {
        var check = new EnergyCrossCheck(new Energy(800), RelativeDifference: 0.2, Tolerance: 0.1);

        var energy = ScenarioEnergyCalculator.From(Window(PowerWindowStatus.Ok, 1000, check), 1,
            [Measured(new PhaseEnergy("ok", 1), new PhaseEnergy("ok", 2))], 1, 4, 5, null, null, [], null);

        Assert.Equal((0.2, (bool?)true), (energy.CrossCheckRelativeDifference!.Value, energy.CrossCheckDisagrees));
        Assert.Contains("disagree by 20 % (tolerance 10 %)", energy.Reason);
    }
}
