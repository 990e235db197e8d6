namespace InferBench;

/// <summary>A problem with something the user gave us (a file, an argument): reported as a message, not a stack trace.</summary>
public class InputException(string message) : Exception(message);
