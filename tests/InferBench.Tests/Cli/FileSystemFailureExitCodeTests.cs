using InferBench.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>
/// Every command exits alike on a file-system failure of its output: a full disk is exit 1 (as a run's failed save), a
/// path that cannot be used (a file in the way, no permission, a read-only file system) exit 2 naming the option.
/// </summary>
public sealed class FileSystemFailureExitCodeTests
{
    [Fact]
    public void A_full_disk_is_out_of_space_and_exit_1()
    {
        var failure = FileSystemProblem.WriteFailure(["--out"], "cannot write k.yaml: No space left on device", DiskFull.Exception());
        var error = new StringWriter();

        Assert.IsType<OutOfSpaceException>(failure);
        Assert.Equal(ExitCodes.SomeRowsFailed, InferBenchCli.Report(failure, error));
        Assert.Equal("inferbench: --out: cannot write k.yaml: No space left on device", error.ToString().TrimEnd());
    }

    [Fact]
    public void A_read_only_file_system_or_no_permission_is_bad_input_exit_2()
    {
        // EROFS: .NET puts the errno into HResult, as for ENOSPC.
        Exception[] unusable = [new IOException("Read-only file system", 30), new UnauthorizedAccessException("Access denied")];

        Assert.All(unusable, exception =>
        {
            var failure = FileSystemProblem.WriteFailure(["--out"], "cannot write k.yaml", exception);
            Assert.IsNotType<OutOfSpaceException>(failure);
            Assert.Equal(ExitCodes.BadInput, InferBenchCli.Report(failure, new StringWriter()));
        });
    }
}
