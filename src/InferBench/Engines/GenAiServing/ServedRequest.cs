namespace InferBench.Engines.GenAiServing;

/// <summary>One submitted request: its Engine request and the turn that generates its tokens.</summary>
public sealed record ServedRequest(OgaHandle Request, ulong Turn);
