using System.Runtime.CompilerServices;
using InferBench.Telemetry;

namespace InferBench.Tests.Support;

/// <summary>No test may contact the cloud metadata address: every run this test process starts skips the probe.</summary>
internal static class CloudMetadataOffInTests
{
#pragma warning disable CA2255 // a test assembly: this must hold before any test reads the host facts
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Disable() => Environment.SetEnvironmentVariable(CloudInstanceProbe.DisableVariable, "1");
}
