namespace InferBench;

/// <summary>A numeric input outside what it accepts (see <see cref="InputFieldException"/> for how its fields are named).</summary>
public sealed class InputRangeException(IReadOnlyList<string> fields, string expected, string got)
    : InputFieldException(fields, $"expected {expected}, got {got}");
