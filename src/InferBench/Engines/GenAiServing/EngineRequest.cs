namespace InferBench.Engines.GenAiServing;

/// <summary>One submitted request: its Engine request and the turn that generates its tokens.</summary>
internal sealed record EngineRequest(OgaHandle Request, ulong Turn);
