namespace InferBench;

/// <summary>
/// A write to an output the user named failed for lack of space (a full disk, a quota): the path itself can be used, so
/// a front end exits as for a failed save, not for bad input. It names the output's field as an input problem does, so
/// every caller that reports input problems (such as a row's reason) reports it too.
/// </summary>
public sealed class OutOfSpaceException(IReadOnlyList<string> fields, string problem) : InputFieldException(fields, problem);
