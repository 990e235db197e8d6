namespace InferBench.Results;

/// <summary>A serving run's load plan as it was run (<c>serve</c>), recorded so it can be reproduced.</summary>
/// <param name="Engine">The serving engine's name.</param>
/// <param name="Concurrencies">Closed loop: the requests kept in flight at each point; empty: none.</param>
/// <param name="ConcurrencyAuto">Closed loop, doubling from 1 until goodput stops growing or a target breaks.</param>
/// <param name="RequestRatesPerSecond">Open loop: the offered arrival rate of each point, requests/s; empty: none.</param>
/// <param name="Burstiness">Shape of the gamma-distributed inter-arrival times (1: Poisson).</param>
/// <param name="Seed">Seeds the arrivals and the lengths and tokens of every prompt.</param>
/// <param name="RequestsPerPoint">The measured requests a point completes before it stops; null: bounded by time only.</param>
/// <param name="SecondsPerPoint">The most seconds a point offers load; null: bounded by requests only.</param>
/// <param name="WarmupRequests">Requests at the start of each point left out of its statistics.</param>
/// <param name="Lengths">The prompt and output lengths of the requests.</param>
/// <param name="SharedPrefixTokens">Tokens every prompt starts with (the same ones), for the engine's prefix cache; 0: none.</param>
/// <param name="OutputLengthForced">True: end-of-sequence is masked until a request has its asked output length.</param>
/// <param name="EngineSettings">What the engine was asked for (max batch, max scheduled tokens); null fields: the model's default.</param>
/// <param name="RequestRateAuto">Open loop at 50%, 90% and 150% of the best closed-loop request throughput measured for each target (one point past saturation).</param>
public sealed record ServingPlanRecord(
    string Engine,
    IReadOnlyList<int> Concurrencies,
    bool ConcurrencyAuto,
    IReadOnlyList<double> RequestRatesPerSecond,
    double Burstiness,
    int Seed,
    int? RequestsPerPoint,
    double? SecondsPerPoint,
    int WarmupRequests,
    ServingLengths Lengths,
    int SharedPrefixTokens,
    bool OutputLengthForced,
    int? MaxBatchSize = null,
    int? MaxScheduledTokens = null,
    bool RequestRateAuto = false);
